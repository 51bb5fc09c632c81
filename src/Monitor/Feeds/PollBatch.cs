using System.Collections.Concurrent;
using Monitor.Storage;

namespace Monitor.Feeds;

/// <summary>
/// Shared by the polls of one cycle over every feed (<c>run --once</c>): the feeds' states, read in one query before the
/// polls, and the states of the polls answered "304 Not Modified", saved together in one transaction after them instead
/// of one commit each. Those states only move timestamps (and a validator a server may renew with its 304): if the
/// process dies before <see cref="SaveAsync"/>, the next cycle asks with the validators it had, and nothing is lost.
/// </summary>
public sealed class PollBatch
{
    private readonly IMonitorStore _store;
    private readonly Dictionary<string, FeedState> _states;
    private readonly ConcurrentQueue<FeedState> _notModified = new();

    private PollBatch(IMonitorStore store, Dictionary<string, FeedState> states)
    {
        _store = store;
        _states = states;
    }

    public static async Task<PollBatch> ReadAsync(IMonitorStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var states = await store.GetFeedStatesAsync(cancellationToken);
        return new PollBatch(store, states.ToDictionary(s => s.FeedId, StringComparer.Ordinal));
    }

    /// <summary>The feed's state as it was when the batch began; null for a feed never polled.</summary>
    public FeedState? StateOf(string feedId) => _states.GetValueOrDefault(feedId);

    internal void NotModified(FeedState state) => _notModified.Enqueue(state);

    /// <summary>Saves the waiting states in one transaction.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var states = new List<FeedState>(_notModified.Count);
        while (_notModified.TryDequeue(out var state))
        {
            states.Add(state);
        }

        await _store.SaveFeedStatesAsync(states, cancellationToken);
    }
}
