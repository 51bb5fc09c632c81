namespace Monitor.Core.Configuration;

/// <summary>Finds a subscriber's time zone by IANA id (Windows ids work too where .NET maps them).</summary>
internal static class TimeZoneLookup
{
    /// <summary>Returns null and the zone, or the problem (with a suggestion when the id looks like a typo).</summary>
    public static string? TryFind(string id, out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            return "must not be empty";
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return null;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            var suggestion = NameSuggestions.Closest(id, TimeZoneInfo.GetSystemTimeZones(skipSorting: true).Select(z => z.Id));
            return suggestion is null
                ? $"unknown time zone '{id}' (use an IANA id such as 'Europe/Berlin' or 'UTC')"
                : $"unknown time zone '{id}' (did you mean '{suggestion}'?)";
        }
    }
}
