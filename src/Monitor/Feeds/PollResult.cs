using Monitor.Core.Items;

namespace Monitor.Feeds;

/// <summary>What one poll of one feed did.</summary>
public sealed record PollResult(string FeedId, PollStatus Status, int ItemsInFeed, IReadOnlyList<FeedItem> NewItems, int NewMatches, IReadOnlyCollection<string> MatchedTopics, string? Error)
{
    public static PollResult Failed(string feedId, string error) => new(feedId, PollStatus.Failed, 0, [], 0, [], error);
}
