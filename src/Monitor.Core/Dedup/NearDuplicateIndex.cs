using System.Runtime.InteropServices;

namespace Monitor.Core.Dedup;

/// <summary>One item of a <see cref="NearDuplicateIndex{TKey}"/> near a queried signature.</summary>
public readonly record struct NearDuplicateMatch<TKey>(TKey Key, double Similarity, DateTimeOffset Seen);

/// <summary>
/// Items' signatures indexed for "which of them are near-duplicates of this one?" without comparing against every
/// item: locality-sensitive hashing by banding (Indyk and Motwani 1998; Leskovec, Rajaraman and Ullman, <i>Mining of
/// Massive Datasets</i>, ch. 3.4). The 128 MinHash slots are cut into bands of r slots; two signatures are compared
/// only when all the slots of at least one band are equal. r is the largest for which a pair exactly at the threshold
/// is still compared with probability ≥ 99% (r = 2 and 64 bands for thresholds from about 0.27 to 0.47, the default
/// included), so a query costs its bucket neighbours, not the whole index. Candidates are then checked exactly:
/// similarity (identifiers included) and time window. Not thread-safe (<see cref="Find"/> included: it reuses scratch buffers).
/// </summary>
public sealed class NearDuplicateIndex<TKey>
{
    private readonly List<(TKey Key, NearDuplicateSignature Signature, DateTimeOffset Seen)> _entries = [];

    /// <summary>
    /// Band key (its band number hashed in, so every band shares one table) -> the bucket's only entry (&gt;= 0), or the
    /// complement of its index in <see cref="_buckets"/> when it holds several (most buckets hold one entry: no list for those).
    /// </summary>
    private readonly BandTable _bands;
    private readonly int _bandCount;
    private readonly IntLists _buckets = new();

    /// <summary>
    /// Each entry's MinHash slots cut to their low 4 bits, two to a byte (<see cref="FingerprintBytes"/> an entry, one
    /// entry after the other): two equal slots have equal low bits, so counting equal halves bounds the equal slots from
    /// above from one cache line, and a candidate below the threshold (98% of them in a first poll of 1,000 feeds) is
    /// rejected without reading its signature; the few that pass are compared in full on their signature's own slots.
    /// </summary>
    private byte[] _fingerprints = [];
    private readonly int _rows;

    /// <summary>Bytes of an entry's fingerprint: a 4-bit half per slot.</summary>
    private const int FingerprintBytes = MinHash.Slots / 2;

    // Scratch of Find: entry i is a candidate of the current query when _stamps[i] == _stamp (no set per query).
    private readonly List<int> _candidates = [];
    private int[] _stamps = [];
    private int _stamp;

    public NearDuplicateIndex(NearDuplicateOptions options)
        : this(options, 0)
    {
    }

    /// <summary>An index sized for <paramref name="capacity"/> items up front (no growing while they are added).</summary>
    internal NearDuplicateIndex(NearDuplicateOptions options, int capacity)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Options = options;
        _rows = RowsPerBand(options.Threshold);
        _bandCount = MinHash.Slots / _rows;
        _bands = new BandTable(capacity * _bandCount);
        _entries.Capacity = capacity;
        _fingerprints = new byte[capacity * FingerprintBytes];
        _stamps = new int[capacity];
    }

    public NearDuplicateOptions Options { get; }

    /// <summary>Makes room for <paramref name="additional"/> more items at once (no growing step by step while they are added).</summary>
    public void EnsureCapacity(int additional)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(additional);
        // Grown at least twofold, as a list grows: called once per small batch (a feed's new items), an exact fit would
        // copy every slot again each time (the band table grows by powers of two by itself).
        int capacity = _entries.Count + additional;
        // Room for every key a first batch could add; later batches let the table grow by itself as keys actually come:
        // near stories share band keys (a first poll of 1,000 feeds: 318,000 keys for 22,600 items, not 1.45 million),
        // and reserving each batch's worst case on top of the keys there are doubled the table (12 MB, not 6) for keys
        // that never came.
        _bands.EnsureCapacity(Math.Max(_bands.Count, additional * _bandCount));

        _entries.EnsureCapacity(capacity);
        if (_fingerprints.Length < capacity * FingerprintBytes)
        {
            Array.Resize(ref _fingerprints, Math.Max(capacity * FingerprintBytes, _fingerprints.Length * 2));
        }
    }

    public int Count => _entries.Count;

    /// <summary>Slots per LSH band for <paramref name="threshold"/>.</summary>
    internal static int RowsPerBand(double threshold)
    {
        int rows = 1;
        for (int r = 2; r <= 16; r++)
        {
            int bands = MinHash.Slots / r;
            if (1 - Math.Pow(1 - Math.Pow(threshold, r), bands) >= 0.99)
            {
                rows = r;
            }
        }

        return rows;
    }

    /// <summary>Adds an item (keys need not be unique); empty signatures are kept out, being similar to nothing.</summary>
    public void Add(TKey key, NearDuplicateSignature signature, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.IsEmpty || !Options.Enabled)
        {
            return;
        }

        int index = _entries.Count;
        _entries.Add((key, signature, seen));
        if (_fingerprints.Length < (index + 1) * FingerprintBytes)
        {
            Array.Resize(ref _fingerprints, Math.Max(16, index * 2) * FingerprintBytes);
        }

        Fingerprint(signature.Slots, _fingerprints.AsSpan(index * FingerprintBytes, FingerprintBytes));

        for (int band = 0; band < _bandCount; band++)
        {
            ref int bucket = ref _bands.GetValueRefOrAddDefault(BandKey(signature, band), out bool exists);
            if (!exists)
            {
                bucket = index;
            }
            else if (bucket >= 0)
            {
                int list = _buckets.Create(bucket);
                _buckets.Add(list, index);
                bucket = ~list;
            }
            else
            {
                _buckets.Add(~bucket, index);
            }
        }
    }

    /// <summary>The items at least <see cref="NearDuplicateOptions.Threshold"/> similar to <paramref name="signature"/> and seen within the window of <paramref name="seen"/>, in the order they were added.</summary>
    public IReadOnlyList<NearDuplicateMatch<TKey>> Find(NearDuplicateSignature signature, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.IsEmpty || !Options.Enabled || _entries.Count == 0)
        {
            return [];
        }

        if (_stamps.Length < _entries.Count)
        {
            Array.Resize(ref _stamps, Math.Max(_entries.Count, _stamps.Length * 2));
        }

        if (_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 0;
        }

        int stamp = ++_stamp;
        var candidates = _candidates;
        candidates.Clear();
        for (int band = 0; band < _bandCount; band++)
        {
            if (!_bands.TryGetValue(BandKey(signature, band), out int bucket))
            {
                continue;
            }

            if (bucket >= 0)
            {
                Visit(bucket, stamp, candidates);
                continue;
            }

            foreach (int index in _buckets[~bucket])
            {
                Visit(index, stamp, candidates);
            }
        }

        // Similarity is the shingle similarity (share of equal slots) or 0: below the threshold there is nothing more to
        // check, and the share of equal 4-bit halves, never smaller, says so for most candidates from an eighth of the
        // bytes (before the entry itself is read for its time).
        var slots = signature.Slots;
        Span<byte> fingerprint = stackalloc byte[FingerprintBytes];
        Fingerprint(slots, fingerprint);
        var entries = CollectionsMarshal.AsSpan(_entries);
        List<(int Index, double Similarity)>? found = null;
        foreach (int index in candidates)
        {
            if ((double)NearDuplicateSignature.EqualNibbles(fingerprint, _fingerprints.AsSpan(index * FingerprintBytes, FingerprintBytes)) / slots.Length < Options.Threshold
                || !Options.WithinWindow(seen, entries[index].Seen)
                || (double)NearDuplicateSignature.EqualSlots(slots, entries[index].Signature.Slots) / slots.Length < Options.Threshold)
            {
                continue;
            }

            double similarity = signature.Similarity(entries[index].Signature);
            if (similarity >= Options.Threshold)
            {
                (found ??= []).Add((index, similarity));
            }
        }

        if (found is null)
        {
            return [];
        }

        found.Sort((a, b) => a.Index.CompareTo(b.Index)); // in the order they were added
        var matches = new List<NearDuplicateMatch<TKey>>(found.Count);
        foreach (var (index, similarity) in found)
        {
            matches.Add(new NearDuplicateMatch<TKey>(entries[index].Key, similarity, entries[index].Seen));
        }

        return matches;
    }

    /// <summary>The low 4 bits of every slot, two slots to a byte.</summary>
    private static void Fingerprint(ReadOnlySpan<uint> slots, Span<byte> fingerprint)
    {
        for (int i = 0; i < fingerprint.Length; i++)
        {
            fingerprint[i] = (byte)((slots[2 * i] & 0x0F) | ((slots[(2 * i) + 1] & 0x0F) << 4));
        }
    }

    private void Visit(int index, int stamp, List<int> candidates)
    {
        if (_stamps[index] != stamp)
        {
            _stamps[index] = stamp;
            candidates.Add(index);
        }
    }

    private ulong BandKey(NearDuplicateSignature signature, int band)
    {
        var slots = signature.Slots.Slice(band * _rows, _rows);
        ulong hash = (ulong)band;
        foreach (uint slot in slots)
        {
            hash = StableHash.Mix(hash ^ slot) + 0x9E3779B97F4A7C15UL;
        }

        return hash;
    }
}
