namespace Monitor.Feeds;

public enum PollStatus
{
    Updated,
    NotModified,
    Failed,

    /// <summary>Not fetched: backing off after failures, or disabled (410 Gone).</summary>
    Skipped,
}
