using Monitor.Storage;

namespace Monitor.Digests;

/// <summary>
/// The stored matches a batch of digests draws on (<c>run --once</c> hands out every subscriber's at once): each digest
/// asks the store which matches are pending for its subscriber (<see cref="IMonitorStore.GetPendingKeysAsync"/>, the
/// same query as <see cref="IMonitorStore.GetPendingAsync"/>), and the matches themselves are read once for the whole
/// batch, by item id, the first time a digest needs them. What the batch holds is what is pending for its subscribers,
/// never the week of matches already sent. Thread-safe.
/// </summary>
public sealed class PendingSnapshot(IMonitorStore store, DateTimeOffset since) : IDisposable
{
    private readonly Dictionary<(long ItemId, string TopicId), StoredMatch> _matches = [];
    private readonly HashSet<long> _read = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Digests whose cutoff is at or after this time may use the snapshot; an earlier one needs the store's own answer.</summary>
    public DateTimeOffset Since => since;

    /// <summary>How many matches the batch holds (for tests and figures).</summary>
    public int Count
    {
        get
        {
            _gate.Wait();
            try
            {
                return _matches.Count;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>The subscriber's pending matches of <paramref name="topicIds"/> since <paramref name="cutoff"/> (not before <see cref="Since"/>), in the store's order.</summary>
    public async Task<IReadOnlyList<StoredMatch>> GetPendingAsync(string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cutoff, since);
        var keys = await store.GetPendingKeysAsync(subscriber, topicIds, cutoff, cancellationToken);
        if (keys.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var missing = new List<long>();
            foreach (var (itemId, _) in keys)
            {
                if (_read.Add(itemId))
                {
                    missing.Add(itemId);
                }
            }

            if (missing.Count > 0)
            {
                try
                {
                    foreach (var match in await store.GetMatchesAsync(missing, cancellationToken))
                    {
                        _matches[(match.ItemId, match.TopicId)] = match;
                    }
                }
                catch
                {
                    _read.ExceptWith(missing);
                    throw;
                }
            }

            var pending = new List<StoredMatch>(keys.Count);
            foreach (var key in keys)
            {
                if (_matches.TryGetValue(key, out var match))
                {
                    pending.Add(match);
                }
            }

            return pending;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
