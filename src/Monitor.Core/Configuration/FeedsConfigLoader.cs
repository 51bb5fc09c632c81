using System.Globalization;
using System.Text.Json;

namespace Monitor.Core.Configuration;

/// <summary>Reads and validates feeds.json, collecting every problem with its JSON path.</summary>
/// <remarks>
/// Property names are camelCase and case-sensitive; an unknown one is a problem (with a "did you mean" when it is
/// close to a known one). A JSON <c>null</c> counts as "not written". Comments and trailing commas are allowed.
/// Ids (feeds, topics) and subscriber emails must be unique, compared case-insensitively.
/// </remarks>
public static class FeedsConfigLoader
{
    private static readonly string[] RootProperties = ["feeds", "topics", "subscribers"];
    private static readonly string[] IgnoredRootProperties = ["$schema"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads the file at <paramref name="path"/>. Never throws for bad content; I/O problems become a problem too.</summary>
    public static ConfigLoadResult LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var fileName = Path.GetFileName(fullPath);
        if (!File.Exists(fullPath))
        {
            return Failed(fileName, $"file not found: {fullPath}");
        }

        string json;
        try
        {
            json = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            return Failed(fileName, $"cannot read {fullPath}: {ex.Message}");
        }

        return Parse(json, fileName, Path.GetDirectoryName(fullPath) ?? fullPath);
    }

    /// <summary>Parses <paramref name="json"/>; <paramref name="fileName"/> is used in messages, <paramref name="baseDirectory"/> to resolve local feed paths.</summary>
    public static ConfigLoadResult Parse(string json, string fileName, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(baseDirectory);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Failed(fileName, DescribeSyntaxError(ex));
        }

        using (document)
        {
            var reader = new ConfigReader(fileName, Path.GetFullPath(baseDirectory.Length == 0 ? "." : baseDirectory));
            var config = Read(reader, document.RootElement);
            return reader.Problems.Count == 0
                ? new ConfigLoadResult(config, [])
                : new ConfigLoadResult(null, reader.Problems);
        }
    }

    private static FeedsConfig Read(ConfigReader reader, JsonElement root)
    {
        var obj = reader.ReadObject(root, ConfigPath.Root, RootProperties, IgnoredRootProperties);
        if (obj is null)
        {
            return FeedsConfig.Empty;
        }

        var feeds = obj.TryGet("feeds", out var feedsElement)
            ? FeedSectionReader.Read(reader, feedsElement, obj.PathOf("feeds"))
            : [];

        var topicIds = new List<string>();
        var topics = obj.TryGet("topics", out var topicsElement)
            ? TopicSectionReader.Read(reader, topicsElement, obj.PathOf("topics"), topicIds)
            : [];

        var subscribers = obj.TryGet("subscribers", out var subscribersElement)
            ? SubscriberSectionReader.Read(reader, subscribersElement, obj.PathOf("subscribers"), topicIds)
            : [];

        return new FeedsConfig(feeds, topics, subscribers);
    }

    private static string DescribeSyntaxError(JsonException ex)
    {
        // The reader's message ends with its own zero-based " LineNumber: 2 | BytePositionInLine: 7."; say it once, 1-based.
        var message = ex.Message;
        var marker = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (marker >= 0)
        {
            message = message[..marker];
        }

        message = message.Trim();
        return ex.LineNumber is { } line && ex.BytePositionInLine is { } column
            ? string.Create(CultureInfo.InvariantCulture, $"invalid JSON at line {line + 1}, column {column + 1}: {message}")
            : $"invalid JSON: {message}";
    }

    private static ConfigLoadResult Failed(string fileName, string message) =>
        new(null, [new ConfigProblem(fileName, ConfigPath.Root, message)]);
}
