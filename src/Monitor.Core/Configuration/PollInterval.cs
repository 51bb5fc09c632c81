using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Core.Configuration;

/// <summary>Parses a feed's <c>pollEvery</c>: <c>hh:mm:ss</c> (invariant culture) or friendly <c>90s</c>, <c>30m</c>, <c>2h</c>, <c>1d</c>, <c>1h30m</c>.</summary>
internal static partial class PollInterval
{
    /// <summary>Returns null and the interval within <see cref="FeedDefinition.MinPollEvery"/>..<see cref="FeedDefinition.MaxPollEvery"/>, or the reason.</summary>
    public static string? TryParse(string text, out TimeSpan interval)
    {
        interval = default;
        var trimmed = text.Trim();
        if (!TryParseFriendly(trimmed, out var value)
            && !(trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value)))
        {
            return $"invalid duration '{text}': use hh:mm:ss (e.g. \"00:30:00\") or a number with a unit (90s, 30m, 2h, 1d)";
        }

        if (value <= TimeSpan.Zero)
        {
            return $"poll interval must be positive, got '{text}'";
        }

        if (value < FeedDefinition.MinPollEvery)
        {
            return $"poll interval must be at least 1 minute, got '{text}'";
        }

        if (value > FeedDefinition.MaxPollEvery)
        {
            return $"poll interval must be at most 7 days, got '{text}'";
        }

        interval = value;
        return null;
    }

    private static bool TryParseFriendly(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!FriendlyRegex().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in PartRegex().Matches(text))
        {
            var amount = long.Parse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            value += char.ToLowerInvariant(part.Groups[2].Value[0]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
            if (value > FeedDefinition.MaxPollEvery)
            {
                // Too long already; stop before a long list of parts overflows TimeSpan.
                return true;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^(?:[0-9]{1,6}[dhms])+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FriendlyRegex();

    [GeneratedRegex(@"([0-9]{1,6})([dhms])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartRegex();
}
