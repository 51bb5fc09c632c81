namespace Monitor.Subscriptions;

/// <summary>A subscription kept in the database (made through the web pages or <c>subscribers add</c>), email lower-cased.</summary>
/// <param name="Topics">Topic ids as chosen; ids that feeds.json no longer defines are dropped when the subscription is used.</param>
/// <param name="Schedule">The schedule text (see <see cref="Core.Scheduling.DigestSchedule"/>).</param>
/// <param name="TimeZone">An IANA time zone id.</param>
public sealed record Subscription(
    string Email,
    string? Name,
    IReadOnlyList<string> Topics,
    string Schedule,
    string TimeZone,
    SubscriptionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? UnsubscribedAt);
