namespace Monitor.Options;

/// <summary>The <c>Monitor:Fetch</c> section: how feeds are downloaded.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Monitor:Fetch";

    public string UserAgent { get; set; } = "Monitor/1.0 (AI-news monitor; +https://github.com/monitor-ai-news/monitor)";

    /// <summary>Time for one whole fetch, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Response bodies larger than this are cut off and the feed reported as failing.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Items read from one feed document, the first ones in document order (feeds list the newest first); the rest are ignored.</summary>
    public int MaxItemsPerFeed { get; set; } = 1000;

    /// <summary>Feeds fetched at once in a cycle.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>Retries of one fetch on transient errors (network errors, 408, 502, 503, 504); 429 is not retried at once.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>First retry delay (exponential with jitter after that).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
