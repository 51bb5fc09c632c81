using System.Text.Json;

namespace Monitor.Core.Configuration;

/// <summary>The known properties of one JSON object (first occurrence of each) and the object's path.</summary>
internal sealed class ConfigObject(string path, IReadOnlyDictionary<string, JsonElement> properties)
{
    public string Path { get; } = path;

    public string PathOf(string name) => ConfigPath.Property(Path, name);

    /// <summary>The property's value; a missing property and an explicit <c>null</c> are both "not there".</summary>
    public bool TryGet(string name, out JsonElement value) =>
        properties.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Whether the property is written at all, even as <c>null</c>.</summary>
    public bool Has(string name) => properties.ContainsKey(name);
}
