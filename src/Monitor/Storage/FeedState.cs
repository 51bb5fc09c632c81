namespace Monitor.Storage;

/// <summary>What Monitor remembers about a feed between polls: conditional-GET validators and health.</summary>
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
    string? Title)
{
    public static FeedState New(string feedId, string url) => new(feedId, url, null, null, null, null, 0, null, null, null);
}
