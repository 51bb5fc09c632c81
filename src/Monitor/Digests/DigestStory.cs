namespace Monitor.Digests;

/// <summary>
/// One story in a digest: possibly reported by several feeds, possibly in several topics. <see cref="Matches"/> says
/// why it is there (per topic, the matched keywords); <see cref="TitleTerms"/> are the matched keywords found in the title.
/// </summary>
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
    IReadOnlyList<string> MergedStoryKeys,
    IReadOnlyList<TopicMatch> Matches,
    IReadOnlyList<string> TitleTerms);
