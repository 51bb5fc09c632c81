using System.Text.Json;

namespace Monitor.Core.Configuration;

/// <summary>Reads <c>$.feeds</c>.</summary>
internal static class FeedSectionReader
{
    private static readonly string[] Known = ["id", "url", "title", "pollEvery"];

    public static List<FeedDefinition> Read(ConfigReader reader, JsonElement section, string path)
    {
        var feeds = new List<FeedDefinition>();
        var items = reader.ReadArray(section, path);
        if (items is null)
        {
            return feeds;
        }

        var firstById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (element, itemPath) in items)
        {
            var obj = reader.ReadObject(element, itemPath, Known);
            if (obj is not null && ReadFeed(reader, obj, firstById) is { } feed)
            {
                feeds.Add(feed);
            }
        }

        return feeds;
    }

    private static FeedDefinition? ReadFeed(ConfigReader reader, ConfigObject obj, Dictionary<string, string> firstById)
    {
        var valid = true;

        var id = reader.ReadRequiredString(obj, "id");
        if (id is null || !reader.CheckId(id, obj.PathOf("id"), "feed"))
        {
            valid = false;
        }
        else if (firstById.TryGetValue(id, out var firstPath))
        {
            reader.Report(obj.PathOf("id"), $"duplicate feed id '{id}' (first at {firstPath})");
            valid = false;
        }
        else
        {
            firstById[id] = obj.Path;
        }

        Uri? url = null;
        var urlText = reader.ReadRequiredString(obj, "url");
        if (urlText is null)
        {
            valid = false;
        }
        else if (FeedLocation.TryResolve(urlText, reader.BaseDirectory, out url) is { } urlError)
        {
            reader.Report(obj.PathOf("url"), urlError);
            valid = false;
        }

        var title = reader.ReadOptionalString(obj, "title");
        if (string.IsNullOrWhiteSpace(title))
        {
            title = null;
        }

        var pollEvery = FeedDefinition.DefaultPollEvery;
        if (obj.TryGet("pollEvery", out _))
        {
            var pollText = reader.ReadOptionalString(obj, "pollEvery", "a duration string such as \"00:30:00\" or \"30m\"");
            if (pollText is null)
            {
                valid = false;
            }
            else if (PollInterval.TryParse(pollText, out pollEvery) is { } pollError)
            {
                reader.Report(obj.PathOf("pollEvery"), pollError);
                valid = false;
            }
        }

        return valid ? new FeedDefinition(id!, url!, title, pollEvery) : null;
    }
}
