using System.Text.Json;
using Monitor.Core.Matching;

namespace Monitor.Core.Configuration;

/// <summary>Reads <c>$.topics</c>.</summary>
internal static class TopicSectionReader
{
    private static readonly string[] Known = ["id", "title", "keywords", "exclude"];

    /// <summary>Reads the topics; <paramref name="knownIds"/> receives every well-formed, unique id (even of a topic with other problems).</summary>
    public static List<TopicDefinition> Read(ConfigReader reader, JsonElement section, string path, List<string> knownIds)
    {
        var topics = new List<TopicDefinition>();
        var items = reader.ReadArray(section, path);
        if (items is null)
        {
            return topics;
        }

        var firstById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (element, itemPath) in items)
        {
            var obj = reader.ReadObject(element, itemPath, Known);
            if (obj is not null && ReadTopic(reader, obj, firstById, knownIds) is { } topic)
            {
                topics.Add(topic);
            }
        }

        return topics;
    }

    private static TopicDefinition? ReadTopic(ConfigReader reader, ConfigObject obj, Dictionary<string, string> firstById, List<string> knownIds)
    {
        var valid = true;

        var id = reader.ReadRequiredString(obj, "id");
        if (id is null || !reader.CheckId(id, obj.PathOf("id"), "topic"))
        {
            valid = false;
        }
        else if (firstById.TryGetValue(id, out var firstPath))
        {
            reader.Report(obj.PathOf("id"), $"duplicate topic id '{id}' (first at {firstPath})");
            valid = false;
        }
        else
        {
            firstById[id] = obj.Path;
            knownIds.Add(id);
        }

        var title = reader.ReadOptionalString(obj, "title");

        List<string>? keywords = null;
        if (!obj.TryGet("keywords", out var keywordsElement))
        {
            reader.Report(obj.Path, "missing required property 'keywords'");
        }
        else if (keywordsElement.ValueKind == JsonValueKind.Array && keywordsElement.GetArrayLength() == 0)
        {
            reader.Report(obj.PathOf("keywords"), "must contain at least one keyword");
        }
        else
        {
            keywords = ReadKeywords(reader, keywordsElement, obj.PathOf("keywords"));
        }

        valid &= keywords is not null;

        List<string> exclude = [];
        if (obj.TryGet("exclude", out var excludeElement))
        {
            var read = ReadKeywords(reader, excludeElement, obj.PathOf("exclude"));
            valid &= read is not null;
            exclude = read ?? [];
        }

        return valid
            ? new TopicDefinition(id!, string.IsNullOrWhiteSpace(title) ? id! : title, keywords!, exclude)
            : null;
    }

    /// <summary>The keywords of an array, or null when the array or any keyword has a problem (all of them reported).</summary>
    private static List<string>? ReadKeywords(ConfigReader reader, JsonElement element, string path)
    {
        var items = reader.ReadArray(element, path, "an array of strings");
        if (items is null)
        {
            return null;
        }

        var keywords = new List<string>(items.Count);
        var valid = true;
        foreach (var (item, itemPath) in items)
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                reader.ReportType(itemPath, "a string", item);
                valid = false;
                continue;
            }

            var keyword = item.GetString()!;
            if (KeywordSyntax.Validate(keyword) is { } error)
            {
                reader.Report(itemPath, error);
                valid = false;
                continue;
            }

            keywords.Add(keyword);
        }

        return valid ? keywords : null;
    }
}
