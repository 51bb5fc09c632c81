using Monitor.Core.Configuration;

namespace Monitor.Core.Tests.Configuration;

/// <summary>Builds feeds.json documents around a valid baseline and parses them.</summary>
internal static class ConfigJson
{
    public const string FileName = "feeds.json";

    public const string ValidFeeds = """[ { "id": "hf-blog", "url": "https://huggingface.co/blog/feed.xml" } ]""";
    public const string ValidTopics = """[ { "id": "model-releases", "keywords": ["DeepSeek"] } ]""";
    public const string ValidSubscribers = """[ { "email": "analyst@example.com", "topics": ["model-releases"] } ]""";

    public static string BaseDirectory { get; } = Path.Combine(Path.GetTempPath(), "monitor-config-tests");

    /// <summary>A document whose sections are the valid baseline unless replaced.</summary>
    public static string With(string? feeds = null, string? topics = null, string? subscribers = null) =>
        $$"""
        {
          "feeds": {{feeds ?? ValidFeeds}},
          "topics": {{topics ?? ValidTopics}},
          "subscribers": {{subscribers ?? ValidSubscribers}}
        }
        """;

    public static ConfigLoadResult Parse(string json) => FeedsConfigLoader.Parse(json, FileName, BaseDirectory);

    public static FeedsConfig Valid(string json)
    {
        var result = Parse(json);
        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.True(result.IsValid);
        return result.Config!;
    }

    /// <summary>Parses and returns the one problem the document has, as its ToString line.</summary>
    public static string SingleProblem(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Config);
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems);
        return problem.ToString();
    }

    public static IReadOnlyList<string> Problems(string json)
    {
        var result = Parse(json);
        Assert.Null(result.Config);
        return [.. result.Problems.Select(p => p.ToString())];
    }
}
