using Monitor.Storage;

namespace Monitor.Digests;

/// <summary>
/// The stored matches a batch of digests draws on (<c>run --once</c> hands out every subscriber's at once), read from
/// the store once, when the first digest of the batch needs them, instead of once per subscriber: each digest then asks
/// the store only which of them are pending for its subscriber (<see cref="IMonitorStore.GetPendingKeysAsync"/>, the
/// same query). A match stored after the snapshot was read is left for the next digest. Thread-safe.
/// </summary>
public sealed class PendingSnapshot(IMonitorStore store, DateTimeOffset since)
{
    private readonly Lazy<Task<Dictionary<(long ItemId, string TopicId), StoredMatch>>> _matches = new(async () =>
        (await store.GetMatchesSinceAsync(since, CancellationToken.None)).ToDictionary(m => (m.ItemId, m.TopicId)));

    /// <summary>Matches from this time on are in the snapshot: a digest whose cutoff is earlier needs the store's own answer.</summary>
    public DateTimeOffset Since => since;

    /// <summary>The subscriber's pending matches of <paramref name="topicIds"/> since <paramref name="cutoff"/> (not before <see cref="Since"/>), in the store's order.</summary>
    public async Task<IReadOnlyList<StoredMatch>> GetPendingAsync(string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cutoff, since);
        var keys = await store.GetPendingKeysAsync(subscriber, topicIds, cutoff, cancellationToken);
        if (keys.Count == 0)
        {
            return [];
        }

        var matches = await _matches.Value.WaitAsync(cancellationToken);
        var pending = new List<StoredMatch>(keys.Count);
        foreach (var key in keys)
        {
            if (matches.TryGetValue(key, out var match))
            {
                pending.Add(match);
            }
        }

        return pending;
    }
}
