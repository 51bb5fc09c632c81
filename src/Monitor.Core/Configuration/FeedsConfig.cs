namespace Monitor.Core.Configuration;

/// <summary>The validated content of feeds.json: what users edit.</summary>
public sealed record FeedsConfig(
    IReadOnlyList<FeedDefinition> Feeds,
    IReadOnlyList<TopicDefinition> Topics,
    IReadOnlyList<SubscriberDefinition> Subscribers)
{
    public static FeedsConfig Empty { get; } = new([], [], []);
}
