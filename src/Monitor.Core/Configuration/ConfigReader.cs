using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Core.Configuration;

/// <summary>Collects <see cref="ConfigProblem"/>s while reading JSON values of the expected types.</summary>
internal sealed partial class ConfigReader(string fileName, string baseDirectory)
{
    private readonly List<ConfigProblem> _problems = [];

    public string BaseDirectory { get; } = baseDirectory;

    public IReadOnlyList<ConfigProblem> Problems => _problems;

    public void Report(string path, string message) => _problems.Add(new ConfigProblem(fileName, path, message));

    /// <summary>
    /// Reads an object, reporting a wrong type, unknown properties (with a suggestion) and duplicate properties.
    /// Names in <paramref name="ignored"/> are accepted and skipped. Returns null when the value is not an object.
    /// </summary>
    public ConfigObject? ReadObject(JsonElement element, string path, IReadOnlyList<string> known, IReadOnlyList<string>? ignored = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            ReportType(path, "an object", element);
            return null;
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = ConfigPath.Property(path, property.Name);
            if (!seen.Add(property.Name))
            {
                Report(propertyPath, $"duplicate property '{property.Name}' (only the first one is read)");
                continue;
            }

            if (ignored is not null && ignored.Contains(property.Name, StringComparer.Ordinal))
            {
                continue;
            }

            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var suggestion = NameSuggestions.Closest(property.Name, known);
                Report(propertyPath, suggestion is null
                    ? $"unknown property '{property.Name}' (known: {string.Join(", ", known)})"
                    : $"unknown property '{property.Name}' (did you mean '{suggestion}'?)");
                continue;
            }

            properties[property.Name] = property.Value;
        }

        return new ConfigObject(path, properties);
    }

    /// <summary>A required, non-empty string; reports missing, wrong type and empty.</summary>
    public string? ReadRequiredString(ConfigObject obj, string name)
    {
        if (!obj.Has(name))
        {
            Report(obj.Path, $"missing required property '{name}'");
            return null;
        }

        var value = ReadOptionalString(obj, name, allowNull: false);
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            Report(obj.PathOf(name), "must not be empty");
            return null;
        }

        return value;
    }

    /// <summary>An optional string (null when missing or JSON null); reports a wrong type.</summary>
    public string? ReadOptionalString(ConfigObject obj, string name, string expected = "a string", bool allowNull = true)
    {
        if (!obj.TryGet(name, out var value))
        {
            if (!allowNull && obj.Has(name))
            {
                Report(obj.PathOf(name), $"expected {expected}, got null");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            ReportType(obj.PathOf(name), expected, value);
            return null;
        }

        return value.GetString();
    }

    /// <summary>The items of an array with their paths, or null (after reporting) when the value is not an array.</summary>
    public IReadOnlyList<(JsonElement Element, string Path)>? ReadArray(JsonElement element, string path, string expected = "an array")
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            ReportType(path, expected, element);
            return null;
        }

        return [.. element.EnumerateArray().Select((item, index) => (item, ConfigPath.Index(path, index)))];
    }

    /// <summary>The strings of an array of strings, each with its path; items of another type are reported and skipped.</summary>
    public IReadOnlyList<(string Value, string Path)>? ReadStringArray(JsonElement element, string path)
    {
        var items = ReadArray(element, path, "an array of strings");
        if (items is null)
        {
            return null;
        }

        var strings = new List<(string, string)>(items.Count);
        foreach (var (item, itemPath) in items)
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                strings.Add((item.GetString()!, itemPath));
            }
            else
            {
                ReportType(itemPath, "a string", item);
            }
        }

        return strings;
    }

    /// <summary>Checks an id's characters; <paramref name="kind"/> is e.g. "feed".</summary>
    public bool CheckId(string id, string path, string kind)
    {
        if (IdRegex().IsMatch(id))
        {
            return true;
        }

        Report(path, $"invalid {kind} id '{id}': use only letters, digits, '.', '_' and '-'");
        return false;
    }

    public void ReportType(string path, string expected, JsonElement actual) =>
        Report(path, $"expected {expected}, got {Describe(actual.ValueKind)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    [GeneratedRegex("^[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
