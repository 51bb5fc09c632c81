namespace Monitor.Digests;

/// <summary>
/// The order of stories inside a topic: by a score, best first, then newer first. The score adds
/// <see cref="TermWeight"/> per distinct matched keyword, <see cref="TitleWeight"/> per matched keyword found in the
/// title, and <see cref="SourceWeight"/> per source beyond the first, so a story that names several of your keywords in
/// its headline, or that many outlets carry, comes before a passing mention in one feed's summary.
/// </summary>
public static class DigestRanking
{
    public const int TermWeight = 2;
    public const int TitleWeight = 2;
    public const int SourceWeight = 1;

    public static int Score(DigestStory story) =>
        (TermWeight * story.Terms.Count) + (TitleWeight * story.TitleTerms.Count) + (SourceWeight * Math.Max(0, story.Sources.Count - 1));

    /// <summary>Best first: higher score, then newer, then by title (a stable order for equal stories).</summary>
    public static IReadOnlyList<DigestStory> Rank(IEnumerable<DigestStory> stories) =>
        stories
            .OrderByDescending(Score)
            .ThenByDescending(s => s.Date)
            .ThenBy(s => s.Title, StringComparer.Ordinal)
            .ToList();
}
