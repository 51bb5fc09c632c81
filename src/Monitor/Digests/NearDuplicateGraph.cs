using Monitor.Core.Dedup;
using Monitor.Storage;

namespace Monitor.Digests;

/// <summary>
/// Near-duplicate pairs among stored items, remembered across digests: each item is compared with the others once, when
/// a digest first needs it, instead of once per subscriber and per digest (thousands of pending items per subscriber
/// after a first poll made that the most expensive step of a cycle). Gives exactly the pairs
/// <see cref="NearDuplicates.FindPairs"/> gives for the same items: the test of a pair (LSH bands, similarity,
/// identifiers, window) is symmetric, so the order items arrive in does not matter. Items never change once stored; an
/// item id seen again with another title or summary (a reused id) starts the graph over, and so does reaching
/// <c>capacity</c> items. Thread-safe.
/// </summary>
internal sealed class NearDuplicateGraph(ItemSignatureCache signatures, int capacity = NearDuplicateGraph.DefaultCapacity)
{
    /// <summary>Items remembered at most (about 3 KB each, index included).</summary>
    public const int DefaultCapacity = 50_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Node> _nodes = [];
    private NearDuplicateIndex<long>? _index;

    /// <summary>The items' signatures, computed once.</summary>
    public ItemSignatureCache Signatures => signatures;

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

        lock (_gate)
        {
            if (_index is null || _index.Options != options || items.Any(Conflicts) || _nodes.Count + items.Count(m => !_nodes.ContainsKey(m.ItemId)) > capacity)
            {
                _nodes.Clear();
                _index = new NearDuplicateIndex<long>(options);
            }

            var fresh = items.Where(m => !_nodes.ContainsKey(m.ItemId)).ToList();
            _index.EnsureCapacity(fresh.Count);
            foreach (var item in fresh)
            {
                if (!_nodes.ContainsKey(item.ItemId))
                {
                    Add(_index, item);
                }
            }

            var position = new Dictionary<long, int>(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                position.TryAdd(items[i].ItemId, i);
            }

            var pairs = new List<(int First, int Second)>();
            for (int j = 0; j < items.Count; j++)
            {
                if (_nodes[items[j].ItemId].Neighbours is not { } neighbours)
                {
                    continue;
                }

                foreach (long neighbour in neighbours)
                {
                    if (position.TryGetValue(neighbour, out int i) && i < j)
                    {
                        pairs.Add((i, j));
                    }
                }
            }

            return pairs;
        }
    }

    private bool Conflicts(StoredMatch item) =>
        _nodes.TryGetValue(item.ItemId, out var node) && (node.Title != item.Title || node.SummaryLength != item.Summary.Length);

    private void Add(NearDuplicateIndex<long> index, StoredMatch item)
    {
        var signature = signatures.Of(item);
        var node = new Node(item.Title, item.Summary.Length);
        foreach (var match in index.Find(signature, item.FirstSeen))
        {
            (node.Neighbours ??= []).Add(match.Key);
            (_nodes[match.Key].Neighbours ??= []).Add(item.ItemId);
        }

        _nodes[item.ItemId] = node;
        index.Add(item.ItemId, signature, item.FirstSeen);
    }

    private sealed class Node(string title, int summaryLength)
    {
        public string Title { get; } = title;

        public int SummaryLength { get; } = summaryLength;

        public List<long>? Neighbours { get; set; }
    }
}
