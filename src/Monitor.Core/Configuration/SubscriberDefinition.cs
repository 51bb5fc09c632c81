using Monitor.Core.Scheduling;

namespace Monitor.Core.Configuration;

/// <summary>A digest recipient with their own topics, schedule and time zone.</summary>
public sealed record SubscriberDefinition(
    string Email,
    string? Name,
    IReadOnlyList<string> Topics,
    DigestSchedule Schedule,
    TimeZoneInfo TimeZone);
