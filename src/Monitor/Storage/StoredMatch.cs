namespace Monitor.Storage;

/// <summary>A stored item that matched a topic, as read back for digests and previews.</summary>
public sealed record StoredMatch(
    long ItemId,
    string FeedId,
    string StoryKey,
    string? TitleKey,
    string Title,
    string? Link,
    DateTimeOffset? Published,
    DateTimeOffset FirstSeen,
    string Summary,
    string TopicId,
    IReadOnlyList<string> Terms);
