using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// JSON Feed documents the feed reader rejects only for their <c>version</c> (missing, or "1.0" instead of the URL
/// <c>https://jsonfeed.org/version/1</c>): an object with an <c>items</c> array gets the current version URL.
/// </summary>
internal static class JsonFeedRepair
{
    private const string CurrentVersion = "https://jsonfeed.org/version/1.1";

    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    /// <summary>The repaired document, or null when it is no JSON object with an items array.</summary>
    public static string? Repair(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: s_options);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is not JsonObject { } feed || feed["items"] is not JsonArray)
        {
            return null;
        }

        feed["version"] = CurrentVersion;
        return feed.ToJsonString();
    }
}
