using System.Collections.Concurrent;
using Monitor.Core.Dedup;
using Monitor.Storage;

namespace Monitor.Digests;

/// <summary>
/// Near-duplicate signatures of stored items by their title and summary, so that the digests of many subscribers (and
/// each one's check against what it already received) compute an item's signature once, not once per subscriber and
/// digest. Keyed by item id, or by hashes of the text, and checked against the title; bounded (emptied when full).
/// Thread-safe.
/// </summary>
public sealed class ItemSignatureCache(int capacity = ItemSignatureCache.DefaultCapacity)
{
    /// <summary>About 40 MB of signatures at most.</summary>
    public const int DefaultCapacity = 50_000;

    // Filled from every polling thread at once: more lock stripes than cores, and room for a first poll's items up front
    // (growing takes every stripe's lock while all entries are copied).
    private const int Stripes = 32;
    private const int InitialCapacity = 4096;

    private readonly ConcurrentDictionary<(int Title, int Summary, int Length), Entry> _entries = new(Stripes, InitialCapacity);
    private readonly ConcurrentDictionary<long, (string Title, int SummaryLength, NearDuplicateSignature Signature)> _items = new(Stripes, InitialCapacity);

    /// <summary>By item id (checked against its title and summary length: no hashing of the text).</summary>
    public NearDuplicateSignature Of(StoredMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Of(match.ItemId, match.Title, match.Summary);
    }

    /// <summary>By item id, given its title and summary (checked against the title and summary length).</summary>
    public NearDuplicateSignature Of(long itemId, string title, string summary)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(summary);
        if (_items.TryGetValue(itemId, out var known) && known.SummaryLength == summary.Length && known.Title == title)
        {
            return known.Signature;
        }

        var signature = Of(title, summary);
        if (_items.Count >= capacity)
        {
            _items.Clear();
        }

        _items[itemId] = (title, summary.Length, signature);
        return signature;
    }

    public NearDuplicateSignature Of(string title, string summary)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(summary);
        var key = (string.GetHashCode(title, StringComparison.Ordinal), string.GetHashCode(summary, StringComparison.Ordinal), summary.Length);
        if (_entries.TryGetValue(key, out var entry) && entry.Title == title)
        {
            return entry.Signature;
        }

        var signature = NearDuplicates.Compute(title, summary);
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(title, signature);
        return signature;
    }

    private sealed record Entry(string Title, NearDuplicateSignature Signature);
}
