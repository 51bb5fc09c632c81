namespace Monitor.Digests.Rendering;

/// <summary>One topic of a digest: its top stories in full, then the rest (<c>more</c>) as a title-only list.</summary>
public sealed record SectionView(
    string TopicId,
    string Title,
    int Count,
    IReadOnlyList<StoryView> Stories,
    IReadOnlyList<StoryView> More,
    int MoreCount);
