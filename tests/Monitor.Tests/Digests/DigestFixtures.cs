using Monitor.Core.Configuration;
using Monitor.Core.Items;
using Monitor.Core.Scheduling;
using Monitor.Digests;
using Monitor.Storage;

namespace Monitor.Tests.Digests;

/// <summary>Subscribers, topics and stored matches for digest tests; keys are computed the way the store computes them.</summary>
internal static class DigestFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static IReadOnlyList<TopicDefinition> Topics { get; } =
    [
        new("models", "Model releases", ["DeepSeek"], []),
        new("export", "Export rules", ["H100"], []),
        new("weights", "Open weights", ["open weights"], []),
        new("other", "Other things", ["bakery"], []),
    ];

    public static SubscriberDefinition Subscriber(params string[] topics) =>
        new("analyst@test.local", "Analyst", topics, DigestSchedule.Immediate, Berlin);

    public static string FeedTitle(string feedId) => feedId switch
    {
        "wire" => "Wire",
        "lab" => "Lab",
        "cn" => "CN",
        _ => feedId,
    };

    public static StoredMatch Match(
        long itemId,
        string feedId,
        string title,
        string? link,
        DateTimeOffset? published,
        string topicId,
        DateTimeOffset? firstSeen = null,
        string summary = "",
        params string[] terms)
    {
        var canonical = CanonicalUrl.Canonicalize(link);
        return new StoredMatch(
            ItemId: itemId,
            FeedId: feedId,
            StoryKey: ItemIdentity.StoryKey(canonical, title),
            TitleKey: ItemIdentity.TitleKey(title),
            Title: title,
            Link: link,
            Published: published,
            FirstSeen: firstSeen ?? published ?? Now,
            Summary: summary,
            TopicId: topicId,
            Terms: terms.Length == 0 ? ["DeepSeek"] : terms);
    }

    /// <summary>The shipped templates (copied next to the test binaries).</summary>
    public static DigestRenderer Renderer { get; } = new();

    public static Digest Build(SubscriberDefinition subscriber, IReadOnlyList<StoredMatch> matches, int maxStories = 200, int maxStoriesPerTopic = 10) =>
        DigestBuilder.Build(subscriber, matches, Topics, FeedTitle, Now, maxStories, maxStoriesPerTopic);
}
