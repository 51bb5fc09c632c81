namespace Monitor.Storage;

/// <summary>What the store knows of a feed's past items, for the identity-churn guard.</summary>
public sealed record FeedHistory(int StoredItems, DateTimeOffset? NewestPublished, IReadOnlySet<string> KnownItemKeys);
