namespace Monitor.Feeds;

/// <summary>The outcome of one fetch of one feed URL.</summary>
public sealed record FetchResult(
    FetchOutcome Outcome,
    byte[] Body,
    string? ContentType,
    string? ETag,
    string? LastModified,
    Uri FinalUrl,
    int? StatusCode,
    string? Error)
{
    public static FetchResult Failed(Uri url, string error, int? status = null) =>
        new(FetchOutcome.Failed, [], null, null, null, url, status, error);

    public static FetchResult NotModified(Uri url, string? etag, string? lastModified, int? status) =>
        new(FetchOutcome.NotModified, [], null, etag, lastModified, url, status, null);
}
