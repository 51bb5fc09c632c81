namespace Monitor.Options;

/// <summary>The <c>Monitor</c> configuration section (appsettings.json, environment <c>Monitor__*</c>).</summary>
public sealed class MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>Folder for the SQLite database and the outbox.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Items dated older than this are stored but never mailed.</summary>
    public TimeSpan MaxItemAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Upper bound for one keyword regular expression on one field.</summary>
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>SQLite: how long a write waits for another process's lock before failing with "database is locked".</summary>
    public TimeSpan DatabaseBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often feeds.json is checked for changes.</summary>
    public TimeSpan ConfigReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one replica may hold a subscriber's digest lease (a crashed holder's lease expires after this).</summary>
    public TimeSpan DigestLeaseTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A digest whose delivery failed is tried again after this long (its stories stay pending).</summary>
    public TimeSpan DigestRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the pending stories of <c>immediate</c> subscribers are flushed even without a new match (after a failed send).</summary>
    public string ImmediateFlushCron { get; set; } = "0 0/15 * * * ?";

    /// <summary>Most stories in one digest: the earliest seen go first, the rest wait for the next digest.</summary>
    public int MaxStoriesPerDigest { get; set; } = 200;

    /// <summary>Stories shown in full per topic of a digest; the rest of the topic follows as a title-only "N more" list (delivered, so marked sent).</summary>
    public int MaxStoriesPerTopic { get; set; } = 10;

    /// <summary>
    /// Items of different links whose title and lead are at least this similar (0..1, MinHash estimate; see
    /// <c>Monitor.Core.Dedup.NearDuplicates</c>) are one digest entry with "also reported by" sources; 0 turns
    /// near-duplicate merging off (same link or same title still merge).
    /// </summary>
    public double NearDuplicateThreshold { get; set; } = Core.Dedup.NearDuplicates.DefaultThreshold;

    /// <summary>Near-duplicates merge only when first seen at most this long apart (a later story with similar words stays separate).</summary>
    public TimeSpan NearDuplicateWindow { get; set; } = Core.Dedup.NearDuplicates.DefaultWindow;

    /// <summary>A folder holding your own <c>digest.html.liquid</c> and/or <c>digest.txt.liquid</c>; empty = the shipped templates only.</summary>
    public string? TemplatesDir { get; set; }

    /// <summary>Where this service is reachable from subscribers (e.g. <c>https://monitor.example.org</c>), for one-click unsubscribe links; empty = mailto: unsubscribe only.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The <c>Monitor:Subscriptions</c> section.</summary>
    public SubscriptionOptions Subscriptions { get; set; } = new();

    public string OutboxDir => Path.Combine(DataDir, "outbox");

    public string DatabasePath => Path.Combine(DataDir, "monitor.db");
}
