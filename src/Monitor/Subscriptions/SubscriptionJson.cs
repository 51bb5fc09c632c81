using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Subscriptions;

/// <summary>The subscription endpoint's JSON, read and written by generated code (web defaults: camelCase, case-insensitive).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SubscribeBody))]
[JsonSerializable(typeof(SubscribeReply))]
[JsonSerializable(typeof(SubscribeProblems))]
internal sealed partial class SubscriptionJson : JsonSerializerContext;
