namespace Monitor.Digests;

/// <summary>One story in a digest: possibly reported by several feeds, possibly in several topics.</summary>
public sealed record DigestStory(
    string StoryKey,
    IReadOnlyList<string> TitleKeys,
    string Title,
    string? Link,
    DateTimeOffset Date,
    string Snippet,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> TopicIds,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> MergedStoryKeys);
