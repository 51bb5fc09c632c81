namespace Monitor.Feeds;

public enum FetchOutcome
{
    /// <summary>A body was received.</summary>
    Content,

    /// <summary>The server answered 304 (or the local file is unchanged): nothing to parse.</summary>
    NotModified,

    /// <summary>The fetch failed; <see cref="FetchResult.Error"/> says why.</summary>
    Failed,
}
