namespace Monitor.Feeds;

/// <summary>The outcome of one fetch of one feed URL.</summary>
/// <param name="RetryAfter">What a 429/503 asked for (Retry-After), if anything.</param>
/// <param name="PermanentlyMovedTo">Set when every redirect on the way was permanent (301/308): the feed's new address.</param>
public sealed record FetchResult(
    FetchOutcome Outcome,
    byte[] Body,
    string? ContentType,
    string? ETag,
    string? LastModified,
    Uri FinalUrl,
    int? StatusCode,
    string? Error,
    TimeSpan? RetryAfter = null,
    Uri? PermanentlyMovedTo = null)
{
    public static FetchResult Failed(Uri url, string error, int? status = null, TimeSpan? retryAfter = null) =>
        new(FetchOutcome.Failed, [], null, null, null, url, status, error, retryAfter);

    public static FetchResult NotModified(Uri url, string? etag, string? lastModified, int? status, Uri? movedTo = null) =>
        new(FetchOutcome.NotModified, [], null, etag, lastModified, url, status, null, null, movedTo);
}
