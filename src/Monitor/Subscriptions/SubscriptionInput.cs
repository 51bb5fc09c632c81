using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;
using Monitor.Configuration;
using Monitor.Core.Scheduling;

namespace Monitor.Subscriptions;

/// <summary>
/// Validated subscription preferences (from a web form, JSON, or <c>subscribers add</c>), checked as feeds.json checks its
/// subscribers: a plain email address, topics defined in feeds.json, a schedule <see cref="DigestSchedule"/> accepts and a
/// known time zone. The email is lower-cased.
/// </summary>
public sealed record SubscriptionInput(string Email, string? Name, IReadOnlyList<string> Topics, DigestSchedule Schedule, TimeZoneInfo TimeZone)
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 100;

    /// <summary>The shortest gap between two digests a subscriber may ask for through the web pages (administrators may choose any).</summary>
    public static readonly TimeSpan MinimumWebInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Validates the raw values; on failure <paramref name="problems"/> has one readable line per problem, prefixed with the
    /// field name. Empty schedule or time zone mean <c>daily 08:00</c> and <c>UTC</c>. With <paramref name="web"/>, cron
    /// schedules that fire more often than <see cref="MinimumWebInterval"/> are refused.
    /// </summary>
    public static bool TryCreate(
        string? email,
        string? name,
        IEnumerable<string>? topics,
        string? schedule,
        string? timeZone,
        ActiveConfig active,
        bool web,
        [NotNullWhen(true)] out SubscriptionInput? input,
        out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        input = null;

        var address = (email ?? string.Empty).Trim();
        if (ValidateEmail(address) is { } emailProblem)
        {
            found.Add($"email: {emailProblem}");
        }

        var displayName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (displayName is not null && (displayName.Length > MaxNameLength || displayName.Any(char.IsControl)))
        {
            found.Add($"name: at most {MaxNameLength} characters, on one line");
        }

        var ids = (topics ?? []).SelectMany(t => (t ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var known = active.Feeds.Topics.Select(t => t.Id).ToList();
        if (ids.Count == 0)
        {
            found.Add($"topics: choose at least one of {string.Join(", ", known)}");
        }

        foreach (var unknown in ids.Where(id => !known.Contains(id, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            found.Add($"topics: unknown topic '{unknown}' (known: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        }

        var scheduleText = string.IsNullOrWhiteSpace(schedule) ? DigestSchedule.DefaultText : schedule.Trim();
        if (!DigestSchedule.TryParse(scheduleText, out var parsedSchedule, out var scheduleError))
        {
            found.Add($"schedule: {scheduleError}");
        }
        else if (web && TooFrequent(parsedSchedule))
        {
            found.Add($"schedule: '{scheduleText}' fires more often than once an hour; choose immediate, hourly, daily HH:MM or weekly DAY HH:MM");
        }

        var zoneId = string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim();
        if (!TryFindTimeZone(zoneId, out var zone))
        {
            found.Add($"timeZone: unknown time zone '{zoneId}' (use an IANA id such as 'Europe/Berlin' or 'UTC')");
        }

        problems = found;
        if (found.Count > 0)
        {
            return false;
        }

        input = new SubscriptionInput(address.ToLowerInvariant(), displayName, ids.Distinct(StringComparer.Ordinal).ToList(), parsedSchedule!, zone!);
        return true;
    }

    /// <summary>Null when <paramref name="email"/> is a plain address (<c>user@example.com</c>), else the reason, as feeds.json's loader says it.</summary>
    public static string? ValidateEmail(string email)
    {
        if (email.Length == 0)
        {
            return "required";
        }

        if (email.Length > MaxEmailLength)
        {
            return $"at most {MaxEmailLength} characters";
        }

        if (email.Any(char.IsWhiteSpace) || email.Any(char.IsControl))
        {
            return $"invalid email address '{email}': it must not contain spaces";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || email.IndexOf('@', at + 1) >= 0)
        {
            return $"invalid email address '{email}': it must contain exactly one '@' with something before it";
        }

        var domain = email[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return $"invalid email address '{email}': the domain must contain a dot, e.g. example.com";
        }

        return MailAddress.TryCreate(email, out var parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal)
            ? null
            : $"invalid email address '{email}': not a valid address";
    }

    /// <summary>Finds a time zone by IANA id (Windows ids work too where .NET maps them).</summary>
    public static bool TryFindTimeZone(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>True when two of the next few due times are closer than <see cref="MinimumWebInterval"/>.</summary>
    private static bool TooFrequent(DigestSchedule schedule)
    {
        if (schedule.IsImmediate)
        {
            return false;
        }

        var probe = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var previous = schedule.NextAfter(probe, TimeZoneInfo.Utc);
        for (var i = 0; i < 48 && previous is { } last; i++)
        {
            var next = schedule.NextAfter(last, TimeZoneInfo.Utc);
            if (next is { } n && n - last < MinimumWebInterval)
            {
                return true;
            }

            previous = next;
        }

        return false;
    }
}
