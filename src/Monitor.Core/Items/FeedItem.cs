namespace Monitor.Core.Items;

/// <summary>
/// One item of one feed, normalized: whatever the format (RSS, Atom, JSON Feed), links absolute, text plain.
/// </summary>
/// <param name="FeedId">The feed it came from.</param>
/// <param name="ItemKey">Stable identity within the feed: GUID/id, else canonical link, else a hash of title and content.</param>
/// <param name="StoryKey">Identity across feeds: the canonical link, else a hash of the normalized title.</param>
/// <param name="Title">Plain-text title.</param>
/// <param name="Link">Absolute link to the story, if any.</param>
/// <param name="Published">Published (or updated) date, if the feed has any.</param>
/// <param name="Summary">Plain-text summary or content.</param>
/// <param name="Categories">Categories/tags as given.</param>
public sealed record FeedItem(
    string FeedId,
    string ItemKey,
    string StoryKey,
    string Title,
    string? Link,
    DateTimeOffset? Published,
    string Summary,
    IReadOnlyList<string> Categories);
