namespace Monitor.Digests.Rendering;

/// <summary>
/// What a digest template sees (members in snake_case: <c>subject</c>, <c>sections</c>, <c>unsubscribe_url</c>...).
/// For the HTML template every string is already HTML-escaped and <c>snippet</c> holds sanitized HTML with
/// <c>&lt;mark&gt;</c> highlights, so templates print values as they are; for the text template strings are plain.
/// Absent values (no link, no unsubscribe URL) are empty strings.
/// </summary>
public sealed record DigestView(
    string Subject,
    string Headline,
    string Summary,
    string Preheader,
    string Email,
    string Name,
    string TimeZone,
    string CreatedAt,
    int StoryCount,
    IReadOnlyList<SectionView> Sections,
    string UnsubscribeUrl,
    string UnsubscribeMailto,
    IReadOnlyList<FailingFeedView>? FailingFeeds = null);
