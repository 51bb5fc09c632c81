using Monitor.Core.Configuration;
using Monitor.Core.Matching;

namespace Monitor.Configuration;

/// <summary>A validated feeds.json and its compiled matcher; replaced as a whole on reload.</summary>
public sealed record ActiveConfig(FeedsConfig Feeds, TopicMatcher Matcher, string ContentHash, int Generation)
{
    public FeedDefinition? FindFeed(string id) => Feeds.Feeds.FirstOrDefault(f => f.Id == id);

    public SubscriberDefinition? FindSubscriber(string email) =>
        Feeds.Subscribers.FirstOrDefault(s => string.Equals(s.Email, email, StringComparison.OrdinalIgnoreCase));

    public string FeedTitle(string feedId, string? fallback = null) =>
        FindFeed(feedId)?.Title ?? fallback ?? feedId;
}
