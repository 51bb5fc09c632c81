namespace Monitor.Storage;

/// <summary>What Monitor remembers about a feed between polls: conditional-GET validators, health and back-off.</summary>
/// <param name="Url">The URL from feeds.json this state belongs to (a different URL in feeds.json starts afresh).</param>
/// <param name="NextAttemptAt">After failures: no poll before this (exponential back-off, Retry-After).</param>
/// <param name="DisabledAt">Set when the publisher answered 410 Gone: no more polls until the URL changes or the feed is re-enabled.</param>
/// <param name="HeldItems">Items held back by the identity-churn guard (stored as seen, never mailed), in total.</param>
/// <param name="PermanentUrl">Where a permanent redirect (301/308) pointed; used instead of <see cref="Url"/> from then on.</param>
public sealed record FeedState(
    string FeedId,
    string Url,
    string? ETag,
    string? LastModified,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    int ConsecutiveFailures,
    string? LastStatus,
    string? LastError,
    string? Title,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? DisabledAt = null,
    string? DisabledReason = null,
    int HeldItems = 0,
    string? PermanentUrl = null)
{
    public static FeedState New(string feedId, string url) => new(feedId, url, null, null, null, null, 0, null, null, null);

    public bool IsDisabled => DisabledAt is not null;
}
