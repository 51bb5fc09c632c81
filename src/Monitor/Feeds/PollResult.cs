using Monitor.Core.Items;

namespace Monitor.Feeds;

/// <summary>What one poll of one feed did.</summary>
/// <param name="Held">New-looking items held back by the identity-churn guard (stored as seen, not mailed).</param>
public sealed record PollResult(string FeedId, PollStatus Status, int ItemsInFeed, IReadOnlyList<FeedItem> NewItems, int NewMatches, IReadOnlyCollection<string> MatchedTopics, string? Error, int Held = 0)
{
    public static PollResult Failed(string feedId, string error) => new(feedId, PollStatus.Failed, 0, [], 0, [], error);

    public static PollResult Skipped(string feedId, string reason) => new(feedId, PollStatus.Skipped, 0, [], 0, [], reason);
}
