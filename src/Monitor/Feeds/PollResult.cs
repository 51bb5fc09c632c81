namespace Monitor.Feeds;

/// <summary>What one poll of one feed did.</summary>
/// <param name="NewItemCount">Items stored for the first time (a count: a cycle keeps every feed's result until it ends, and the items themselves would keep the whole corpus in memory).</param>
/// <param name="Held">New-looking items held back by the identity-churn guard (stored as seen, not mailed).</param>
public sealed record PollResult(string FeedId, PollStatus Status, int ItemsInFeed, int NewItemCount, int NewMatches, IReadOnlyCollection<string> MatchedTopics, string? Error, int Held = 0)
{
    public static PollResult Failed(string feedId, string error) => new(feedId, PollStatus.Failed, 0, 0, 0, [], error);

    public static PollResult Skipped(string feedId, string reason) => new(feedId, PollStatus.Skipped, 0, 0, 0, [], reason);
}
