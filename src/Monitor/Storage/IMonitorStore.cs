using Monitor.Core.Items;

namespace Monitor.Storage;

/// <summary>Monitor's persistent state: feed health, seen items and their topic matches, and the per-subscriber sent-ledger.</summary>
public interface IMonitorStore
{
    /// <summary>Creates or migrates the schema. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<FeedState?> GetFeedStateAsync(string feedId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeedState>> GetFeedStatesAsync(CancellationToken cancellationToken);

    Task SaveFeedStateAsync(FeedState state, CancellationToken cancellationToken);

    /// <summary>Saves several feeds' states in one transaction (a cycle's "not modified" polls).</summary>
    Task SaveFeedStatesAsync(IReadOnlyCollection<FeedState> states, CancellationToken cancellationToken);

    /// <summary>Stores the items not seen before (by feed and item key) and returns only those, as stored.</summary>
    Task<IReadOnlyList<StoredItem>> AddItemsAsync(IReadOnlyList<MatchedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="AddItemsAsync(IReadOnlyList{MatchedItem}, DateTimeOffset, CancellationToken)"/> and, in the same
    /// transaction, the feed's state after the poll (<see cref="SaveFeedStateAsync"/>): one commit per poll.
    /// </summary>
    Task<IReadOnlyList<StoredItem>> AddItemsAsync(IReadOnlyList<MatchedItem> items, DateTimeOffset seenAt, FeedState? feedState, CancellationToken cancellationToken);

    /// <summary>How many items the feed has stored, its newest publication date, and which of <paramref name="itemKeys"/> it already has.</summary>
    Task<FeedHistory> GetFeedHistoryAsync(string feedId, IReadOnlyCollection<string> itemKeys, CancellationToken cancellationToken);

    /// <summary>Matches of the given topics, first seen and dated at or after <paramref name="cutoff"/>, whose story was not yet sent to <paramref name="subscriber"/>.</summary>
    Task<IReadOnlyList<StoredMatch>> GetPendingAsync(string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Which matches <see cref="GetPendingAsync"/> would return (item id and topic, in its order), without reading them:
    /// for a batch of digests that reads each pending match once (<see cref="GetMatchesAsync"/>) and shares them.
    /// </summary>
    Task<IReadOnlyList<(long ItemId, string TopicId)>> GetPendingKeysAsync(string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// The items of stories already sent to <paramref name="subscriber"/> that were first seen at or after
    /// <paramref name="since"/> (item id, title, summary, first seen), to recognise later rewrites of them: read one by
    /// one, since a week of them is thousands and only the few pending stories need to be held.
    /// </summary>
    IAsyncEnumerable<SentStory> ReadSentStoriesAsync(string subscriber, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Every stored match first seen at or after <paramref name="since"/>, sent or not.</summary>
    Task<IReadOnlyList<StoredMatch>> GetMatchesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Every match (one per topic) of the items with these ids; unknown ids are left out.</summary>
    Task<IReadOnlyList<StoredMatch>> GetMatchesAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken);

    /// <summary>Records in one transaction that these stories reached the subscriber, and when.</summary>
    Task MarkSentAsync(string subscriber, IReadOnlyCollection<string> storyKeys, IReadOnlyCollection<string> titleKeys, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>When the subscriber's digest was last due and handled; null if never.</summary>
    Task<DateTimeOffset?> GetLastDigestAsync(string subscriber, CancellationToken cancellationToken);

    Task SetLastDigestAsync(string subscriber, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the subscriber's digest lease for <paramref name="owner"/> until <paramref name="now"/> + <paramref name="ttl"/>,
    /// unless another owner holds an unexpired one. Only the holder composes and sends that subscriber's digest.
    /// </summary>
    Task<bool> TryAcquireDigestLeaseAsync(string subscriber, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken);

    Task ReleaseDigestLeaseAsync(string subscriber, string owner, CancellationToken cancellationToken);

    /// <summary>Who holds the subscriber's lease now, if anyone.</summary>
    Task<string?> GetDigestLeaseOwnerAsync(string subscriber, CancellationToken cancellationToken);

    /// <summary>Takes over a lease from <paramref name="staleOwner"/> (known dead); false when someone else holds it by now.</summary>
    Task<bool> TakeOverDigestLeaseAsync(string subscriber, string staleOwner, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a digest about to be sent (see <see cref="DigestAttempt"/>).</summary>
    Task RecordAttemptAsync(DigestAttempt attempt, CancellationToken cancellationToken);

    /// <summary>A digest recorded but never completed (the process died while sending), if any.</summary>
    Task<DigestAttempt?> GetUnfinishedAttemptAsync(string subscriber, CancellationToken cancellationToken);

    /// <summary>The server refused the message: forget the attempt, its stories stay pending.</summary>
    Task DiscardAttemptAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>The server accepted the message: in one transaction, its stories become sent and the attempt is closed.</summary>
    Task CompleteAttemptAsync(DigestAttempt attempt, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Where the data is, without secrets.</summary>
    string Describe();

    /// <summary>Count of stories ever sent to the subscriber.</summary>
    Task<int> CountSentAsync(string subscriber, CancellationToken cancellationToken);
}
