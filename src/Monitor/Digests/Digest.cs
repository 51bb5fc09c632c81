namespace Monitor.Digests;

/// <summary>What one subscriber gets at one due time.</summary>
public sealed record Digest(string Email, string? Name, TimeZoneInfo TimeZone, DateTimeOffset CreatedAt, IReadOnlyList<DigestSection> Sections)
{
    /// <summary>Feeds failing when the digest was composed (its "feeds failing" footer): a silent feed never goes unnoticed.</summary>
    public IReadOnlyList<FailingFeedNote> FailingFeeds { get; init; } = [];

    /// <summary>
    /// Pending stories left out because they are rewrites or updates of stories this subscriber already got (near-duplicates
    /// of sent ones): not shown, but recorded as sent with this digest so they are not considered again.
    /// </summary>
    public IReadOnlyList<string> SuppressedStoryKeys { get; init; } = [];

    public int StoryCount => Sections.Sum(s => s.Stories.Count);

    public IEnumerable<DigestStory> Stories => Sections.SelectMany(s => s.Stories);

    /// <summary>Every story key this digest covers, merged duplicates included: all are marked sent together.</summary>
    public IReadOnlyCollection<string> StoryKeys => Stories.SelectMany(s => s.MergedStoryKeys).Concat(SuppressedStoryKeys).Distinct(StringComparer.Ordinal).ToArray();

    public IReadOnlyCollection<string> TitleKeys => Stories.SelectMany(s => s.TitleKeys).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>e.g. "AI news: 7 stories — Model releases (4), Export rules (3)".</summary>
    public string Subject
    {
        get
        {
            var count = StoryCount;
            var parts = string.Join(", ", Sections.Select(s => $"{s.TopicTitle} ({s.Stories.Count})"));
            return $"AI news: {count} {(count == 1 ? "story" : "stories")} — {parts}";
        }
    }
}
