using System.Text.Json.Serialization;

namespace Monitor.Cli.InspectOutput;

/// <summary><c>inspect --json</c>'s lines, written by generated code: camelCase, one object per item.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InspectedItem))]
internal sealed partial class InspectJson : JsonSerializerContext;
