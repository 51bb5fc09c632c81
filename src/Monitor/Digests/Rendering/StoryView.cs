namespace Monitor.Digests.Rendering;

/// <summary>One story as a template sees it; <c>link</c> is empty unless it is an http(s) URL.</summary>
public sealed record StoryView(
    string Title,
    string Link,
    string Sources,
    int SourceCount,
    string Date,
    string Snippet,
    string Terms,
    string Explanation,
    IReadOnlyList<TopicMatchView> Matches);
