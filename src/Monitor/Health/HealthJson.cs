using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Health;

/// <summary>The health endpoint's JSON (and the <c>health</c> command's reading of it), by generated code: camelCase, indented.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(LiveStatus))]
internal sealed partial class HealthJson : JsonSerializerContext;
