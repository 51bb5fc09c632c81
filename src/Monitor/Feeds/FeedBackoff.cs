namespace Monitor.Feeds;

/// <summary>
/// When to try a failing feed again: the poll interval doubled per consecutive failure, ±20 % jitter so that many feeds
/// failing together do not retry together, capped at 6 hours; a server's Retry-After is honoured (up to 24 hours).
/// </summary>
public static class FeedBackoff
{
    public static readonly TimeSpan Cap = TimeSpan.FromHours(6);
    public static readonly TimeSpan RetryAfterCap = TimeSpan.FromHours(24);

    /// <param name="failures">Consecutive failures including this one (1 for the first).</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public static TimeSpan Delay(int failures, TimeSpan pollEvery, TimeSpan? retryAfter, double jitter)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var ticks = Math.Min(pollEvery.Ticks * Math.Pow(2, exponent), Cap.Ticks);
        var delay = TimeSpan.FromTicks((long)(ticks * (0.8 + (0.4 * jitter))));
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < RetryAfterCap ? asked : RetryAfterCap;
        }

        return delay;
    }
}
