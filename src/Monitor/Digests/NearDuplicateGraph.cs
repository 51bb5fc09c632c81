using System.Collections.Concurrent;
using Monitor.Core.Dedup;
using Monitor.Storage;

namespace Monitor.Digests;

/// <summary>
/// Near-duplicate pairs among stored items, remembered across digests: each item is compared with the others once, as
/// the poller stores it (<see cref="Observe"/>) or when a digest first needs it, instead of once per subscriber and per
/// digest (thousands of pending items per subscriber after a first poll made that the most expensive step of a cycle). Gives exactly the pairs
/// <see cref="NearDuplicates.FindPairs"/> gives for the same items: the test of a pair (LSH bands, similarity,
/// identifiers, window) is symmetric, so the order items arrive in does not matter. Items never change once stored; an
/// item id seen again with another title or summary (a reused id) starts the graph over, and so does reaching
/// <c>capacity</c> items. Thread-safe.
/// </summary>
public sealed class NearDuplicateGraph(ItemSignatureCache signatures, int capacity = NearDuplicateGraph.DefaultCapacity)
{
    /// <summary>Items remembered at most (about 3 KB each, index included).</summary>
    public const int DefaultCapacity = 50_000;

    /// <summary>Items <see cref="Observe"/> adds to the graph at most in the life of the process (about 50 MB with the index).</summary>
    public const int ObserveLimit = 20_000;

    private readonly Lock _gate = new();

    // The graph in value-type lists (no object per item or per edge for the garbage collector to trace): item id ->
    // node number; per node its title and summary length (to tell a reused id) and its neighbours' node numbers.
    private readonly Dictionary<long, int> _nodes = [];
    private readonly List<string> _titles = [];
    private readonly List<int> _summaryLengths = [];
    private readonly List<int> _neighbourLists = [];
    private IntLists _neighbours = new();
    private NearDuplicateIndex<int>? _index;

    /// <summary>Observed batches not added yet; 1 while a caller adds them.</summary>
    private readonly ConcurrentQueue<Batch> _queue = new();
    private int _draining;

    /// <summary>Items queued by <see cref="Observe"/> so far.</summary>
    private int _observed;

    /// <summary>The items' signatures, computed once.</summary>
    public ItemSignatureCache Signatures => signatures;

    /// <summary>
    /// Adds newly stored items ahead of the digests that will need them (the poller calls this as it stores them, so
    /// the work is done while feeds are still being fetched, not when the first digest is due). Never waits for the
    /// graph: the signatures are computed here, and whichever caller finds the graph free adds every queued batch.
    /// Beyond <see cref="ObserveLimit"/> items (a first poll of a thousand feeds) only the signatures are computed:
    /// the comparisons then wait for a digest that needs them, and memory stays that of the items digests ask for.
    /// </summary>
    public void Observe(IReadOnlyList<StoredItem> items, NearDuplicateOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || items.Count == 0 || items.Count > capacity)
        {
            return;
        }

        var computed = items.Select(i => Compute(new Entry(i.Id, i.Item.Title, i.Item.Summary, i.FirstSeen))).ToList();
        if (Volatile.Read(ref _observed) + computed.Count > ObserveLimit)
        {
            return;
        }

        Interlocked.Add(ref _observed, computed.Count);
        _queue.Enqueue(new Batch(computed, options));
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            try
            {
                lock (_gate)
                {
                    Drain();
                }
            }
            finally
            {
                Volatile.Write(ref _draining, 0);
            }
        }
    }

    /// <summary>The pairs (i, j), i &lt; j, of near-duplicates among <paramref name="items"/> (one row per item).</summary>
    public IReadOnlyList<(int First, int Second)> FindPairs(IReadOnlyList<StoredMatch> items, NearDuplicateOptions options)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || items.Count < 2)
        {
            return [];
        }

        if (items.Count > capacity)
        {
            // More than it may remember: compute them afresh (signatures still cached).
            return NearDuplicates.FindPairs([.. items.Select(signatures.Of)], [.. items.Select(m => m.FirstSeen)], options);
        }

        var entries = items.Select(m => new Entry(m.ItemId, m.Title, m.Summary, m.FirstSeen)).ToList();
        List<Entry> missing;
        lock (_gate)
        {
            Drain();
            missing = IsCurrent(entries, options) ? [.. entries.Where(e => !_nodes.ContainsKey(e.Id))] : entries;
        }

        // Signatures outside the lock (usually there are none to compute: the poller added the items already).
        var computed = missing.Select(Compute).ToList();
        lock (_gate)
        {
            Drain();
            Include(computed, entries, options);
            // Each node's first row among the items (-1: not among them).
            var position = new int[_titles.Count];
            Array.Fill(position, -1);
            var rows = new int[items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                int node = _nodes[items[i].ItemId];
                rows[i] = node;
                if (position[node] < 0)
                {
                    position[node] = i;
                }
            }

            var pairs = new List<(int First, int Second)>();
            for (int j = 0; j < items.Count; j++)
            {
                int list = _neighbourLists[rows[j]];
                if (list < 0)
                {
                    continue;
                }

                foreach (int neighbour in _neighbours[list])
                {
                    int i = position[neighbour];
                    if (i >= 0 && i < j)
                    {
                        pairs.Add((i, j));
                    }
                }
            }

            return pairs;
        }
    }

    private (Entry Entry, NearDuplicateSignature Signature) Compute(Entry entry) => (entry, signatures.Of(entry.Id, entry.Title, entry.Summary));

    /// <summary>Adds the queued batches (under the lock).</summary>
    private void Drain()
    {
        while (_queue.TryDequeue(out var batch))
        {
            Include(batch.Items, [.. batch.Items.Select(x => x.Entry)], batch.Options);
        }
    }

    private bool IsCurrent(List<Entry> entries, NearDuplicateOptions options) => _index is not null && _index.Options == options && !entries.Any(Conflicts);

    /// <summary>
    /// Adds the entries not in the graph yet (under the lock). The graph starts over when the options changed, an id
    /// comes back with another title or summary (<paramref name="all"/> is checked), or it would exceed its capacity.
    /// </summary>
    private void Include(List<(Entry Entry, NearDuplicateSignature Signature)> computed, List<Entry> all, NearDuplicateOptions options)
    {
        if (!IsCurrent(all, options) || _nodes.Count + computed.Count > capacity)
        {
            _nodes.Clear();
            _titles.Clear();
            _summaryLengths.Clear();
            _neighbourLists.Clear();
            _neighbours = new IntLists();
            _index = new NearDuplicateIndex<int>(options);
        }

        // Entries another caller added since were already computed there; anything absent after a restart is computed here.
        var fresh = computed.Where(c => !_nodes.ContainsKey(c.Entry.Id)).ToList();
        var known = fresh.Select(c => c.Entry.Id).ToHashSet();
        fresh.AddRange(all.Where(e => !_nodes.ContainsKey(e.Id) && known.Add(e.Id)).Select(Compute));
        _index!.EnsureCapacity(fresh.Count);
        foreach (var (entry, signature) in fresh)
        {
            if (!_nodes.ContainsKey(entry.Id))
            {
                Add(_index, entry, signature);
            }
        }
    }

    private bool Conflicts(Entry entry) =>
        _nodes.TryGetValue(entry.Id, out int node) && (_titles[node] != entry.Title || _summaryLengths[node] != entry.Summary.Length);

    private void Add(NearDuplicateIndex<int> index, Entry entry, NearDuplicateSignature signature)
    {
        int node = _titles.Count;
        _titles.Add(entry.Title);
        _summaryLengths.Add(entry.Summary.Length);
        _neighbourLists.Add(-1);
        foreach (var match in index.Find(signature, entry.FirstSeen))
        {
            Link(node, match.Key);
            Link(match.Key, node);
        }

        _nodes[entry.Id] = node;
        index.Add(node, signature, entry.FirstSeen);
    }

    private void Link(int node, int neighbour)
    {
        int list = _neighbourLists[node];
        if (list < 0)
        {
            _neighbourLists[node] = _neighbours.Create(neighbour);
        }
        else
        {
            _neighbours.Add(list, neighbour);
        }
    }

    private sealed record Batch(List<(Entry Entry, NearDuplicateSignature Signature)> Items, NearDuplicateOptions Options);

    private readonly record struct Entry(long Id, string Title, string Summary, DateTimeOffset FirstSeen);
}
