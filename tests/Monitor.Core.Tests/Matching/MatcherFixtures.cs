using Monitor.Core.Configuration;
using Monitor.Core.Matching;

namespace Monitor.Core.Tests.Matching;

/// <summary>Small builders shared by the matcher tests.</summary>
internal static class MatcherFixtures
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    public static TopicDefinition Topic(string id, string[] keywords, params string[] exclude) => new(id, id + " title", keywords, exclude);

    public static TopicMatcher Matcher(params TopicDefinition[] topics) => TopicMatcher.Create(topics, Timeout);

    public static MatchInput Input(string title, string summary = "", params string[] categories) => new(title, summary, categories);

    /// <summary>Whether a one-keyword topic matches an item with <paramref name="title"/>.</summary>
    public static bool KeywordMatchesTitle(string keyword, string title) =>
        Matcher(Topic("t", [keyword])).Match(Input(title)).Count == 1;
}
