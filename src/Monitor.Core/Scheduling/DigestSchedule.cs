namespace Monitor.Core.Scheduling;

/// <summary>
/// When a subscriber's digest is due: <c>immediate</c>, <c>hourly</c>, <c>daily HH:MM</c>, <c>weekly mon HH:MM</c>
/// or a Quartz cron expression, always evaluated in the subscriber's time zone.
/// </summary>
public sealed class DigestSchedule
{
    private DigestSchedule(string text, string? cron)
    {
        Text = text;
        CronExpression = cron;
    }

    /// <summary>The schedule as written in feeds.json.</summary>
    public string Text { get; }

    /// <summary>Quartz cron expression, or null for <c>immediate</c>.</summary>
    public string? CronExpression { get; }

    /// <summary>True for <c>immediate</c>: a digest after each poll cycle that found something.</summary>
    public bool IsImmediate => CronExpression is null;

    public static DigestSchedule Immediate { get; } = new("immediate", null);

    public static bool TryParse(string text, out DigestSchedule? schedule, out string? error) => throw new NotImplementedException();

    /// <summary>The first due time strictly after <paramref name="after"/>, in <paramref name="timeZone"/>; null for immediate.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo timeZone) => throw new NotImplementedException();

    public override string ToString() => Text;
}
