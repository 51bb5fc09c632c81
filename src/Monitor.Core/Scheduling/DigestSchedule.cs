using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using QuartzCron = Quartz.CronExpression;

namespace Monitor.Core.Scheduling;

/// <summary>
/// When a subscriber's digest is due: <c>immediate</c>, <c>hourly</c>, <c>daily HH:MM</c>, <c>weekly mon HH:MM</c>
/// or a Quartz cron expression, always evaluated in the subscriber's time zone.
/// </summary>
/// <remarks>
/// Two schedules are equal when they resolve to the same cron expression (or are both immediate),
/// whatever their spelling: <c>daily 08:00</c> equals <c>0 0 8 * * ?</c>.
/// </remarks>
public sealed partial class DigestSchedule : IEquatable<DigestSchedule>
{
    /// <summary>The forms <see cref="TryParse"/> accepts, for help texts and error messages.</summary>
    public const string AcceptedForms = "immediate, hourly, daily HH:MM, weekly DAY HH:MM or a Quartz cron expression";

    /// <summary>What a subscriber gets when feeds.json names no schedule.</summary>
    public const string DefaultText = "daily 08:00";

    private static readonly string[] DayCodes = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly QuartzCron? _cron;

    private DigestSchedule(string text, QuartzCron? cron)
    {
        Text = text;
        _cron = cron;
        CronExpression = cron?.CronExpressionString;
    }

    /// <summary>The schedule as written in feeds.json (surrounding whitespace removed).</summary>
    public string Text { get; }

    /// <summary>Quartz cron expression, or null for <c>immediate</c>.</summary>
    public string? CronExpression { get; }

    /// <summary>True for <c>immediate</c>: a digest after each poll cycle that found something.</summary>
    public bool IsImmediate => CronExpression is null;

    public static DigestSchedule Immediate { get; } = new("immediate", null);

    /// <summary><see cref="DefaultText"/> (<c>daily 08:00</c>), parsed.</summary>
    public static DigestSchedule Default { get; } = Parse(DefaultText);

    /// <summary>
    /// Parses one of the <see cref="AcceptedForms"/>. Keywords and day names are case-insensitive; day names may be
    /// abbreviated (<c>mon</c>) or full (<c>monday</c>); hours are 24-hour, <c>8:00</c> and <c>08:00</c> both work.
    /// On failure <paramref name="error"/> is one readable line naming the text, the reason and the accepted forms.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out DigestSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var reason = TryParseCore(trimmed, out schedule);
        if (reason is null)
        {
            System.Diagnostics.Debug.Assert(schedule is not null, "a schedule comes with no reason");
            error = null;
            return true;
        }

        schedule = null;
        error = $"invalid schedule '{trimmed}': {reason}; expected {AcceptedForms}";
        return false;
    }

    /// <summary>Like <see cref="TryParse"/> but throws <see cref="FormatException"/> with the same message.</summary>
    public static DigestSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule : throw new FormatException(error);

    /// <summary>
    /// The first due time strictly after <paramref name="after"/>, in <paramref name="timeZone"/>; null for immediate
    /// and for a cron expression that never fires again. The result carries <paramref name="timeZone"/>'s offset.
    /// </summary>
    /// <remarks>
    /// Quartz resolves wall-clock times across daylight saving changes: a time inside a spring-forward gap
    /// (02:30 when clocks jump from 02:00 to 03:00) fires once, at the instant the clocks jumped to (03:00);
    /// a time repeated by a fall-back fires once, at its first occurrence.
    /// </remarks>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (_cron is null)
        {
            return null;
        }

        var next = _cron.WithTimeZone(timeZone).GetNextValidTimeAfter(after);
        return next is { } value ? TimeZoneInfo.ConvertTime(value, timeZone) : null;
    }

    public bool Equals(DigestSchedule? other) =>
        other is not null && string.Equals(CronExpression, other.CronExpression, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DigestSchedule);

    public override int GetHashCode() => CronExpression is null ? 0 : StringComparer.Ordinal.GetHashCode(CronExpression);

    public override string ToString() => Text;

    /// <summary>Returns null and the schedule, or the reason it is invalid.</summary>
    private static string? TryParseCore(string text, out DigestSchedule? schedule)
    {
        schedule = null;
        if (text.Length == 0)
        {
            return "the schedule is empty";
        }

        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var keyword = parts[0].ToUpperInvariant();
        switch (keyword)
        {
            case "IMMEDIATE":
                if (parts.Length != 1)
                {
                    return "'immediate' takes no arguments";
                }

                schedule = Immediate;
                return null;

            case "HOURLY":
                if (parts.Length != 1)
                {
                    return "'hourly' takes no arguments (use a cron expression for other minutes, e.g. '0 15 * * * ?')";
                }

                return FromCron(text, "0 0 * * * ?", out schedule);

            case "DAILY":
            {
                if (parts.Length != 2)
                {
                    return "'daily' needs exactly one time, e.g. 'daily 08:00'";
                }

                var timeError = TryParseTime(parts[1], out var hour, out var minute);
                return timeError ?? FromCron(text, Invariant($"0 {minute} {hour} * * ?"), out schedule);
            }

            case "WEEKLY":
            {
                if (parts.Length != 3)
                {
                    return "'weekly' needs a day and a time, e.g. 'weekly mon 08:00'";
                }

                var day = ParseDay(parts[1]);
                if (day is null)
                {
                    return $"unknown day '{parts[1]}' (use mon, tue, wed, thu, fri, sat or sun)";
                }

                var timeError = TryParseTime(parts[2], out var hour, out var minute);
                return timeError ?? FromCron(text, Invariant($"0 {minute} {hour} ? * {day}"), out schedule);
            }

            default:
                return FromCron(text, text, out schedule);
        }
    }

    private static string? FromCron(string text, string cron, out DigestSchedule? schedule)
    {
        schedule = null;
        QuartzCron parsed;
        try
        {
            parsed = QuartzCron.Parse(cron);
        }
        catch (FormatException ex)
        {
            return OneLine(ex.Message);
        }

        // A fixed point well before any config could be written: an expression without a time after it never fires.
        var epoch = new DateTimeOffset(1970, 1, 2, 0, 0, 0, TimeSpan.Zero);
        if (parsed.WithTimeZone(TimeZoneInfo.Utc).GetNextValidTimeAfter(epoch) is null)
        {
            return "the cron expression never fires";
        }

        schedule = new DigestSchedule(text, parsed);
        return null;
    }

    private static string? TryParseTime(string text, out int hour, out int minute)
    {
        hour = 0;
        minute = 0;
        var match = TimeRegex().Match(text);
        if (!match.Success)
        {
            return $"time must be HH:MM (24-hour), got '{text}'";
        }

        hour = int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        minute = int.Parse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (hour > 23)
        {
            return "hour must be 00-23";
        }

        return minute > 59 ? "minute must be 00-59" : null;
    }

    private static string? ParseDay(string text)
    {
        var upper = text.ToUpperInvariant();
        foreach (var code in DayCodes)
        {
            if (upper == code || upper == FullDayName(code))
            {
                return code;
            }
        }

        return null;
    }

    private static string FullDayName(string code) => code switch
    {
        "SUN" => "SUNDAY",
        "MON" => "MONDAY",
        "TUE" => "TUESDAY",
        "WED" => "WEDNESDAY",
        "THU" => "THURSDAY",
        "FRI" => "FRIDAY",
        _ => "SATURDAY",
    };

    /// <summary>Quartz's reason on one line, without advice aimed at C# callers (e.g. "use CronFormat.Unix").</summary>
    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var sentences = line.Split(". ").Where(s => !s.Contains("CronFormat", StringComparison.Ordinal)).ToList();
        return sentences.Count == 0 ? line.TrimEnd('.') : string.Join(". ", sentences).TrimEnd('.');
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();
}
