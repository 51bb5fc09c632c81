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
/// similarity (identifiers included) and time window. Not thread-safe.
/// </summary>
public sealed class NearDuplicateIndex<TKey>
{
    private readonly List<(TKey Key, NearDuplicateSignature Signature, DateTimeOffset Seen)> _entries = [];
    private readonly Dictionary<ulong, List<int>>[] _bands;
    private readonly int _rows;

    public NearDuplicateIndex(NearDuplicateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _rows = RowsPerBand(options.Threshold);
        _bands = new Dictionary<ulong, List<int>>[MinHash.Slots / _rows];
        for (int i = 0; i < _bands.Length; i++)
        {
            _bands[i] = [];
        }
    }

    public NearDuplicateOptions Options { get; }

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
        for (int band = 0; band < _bands.Length; band++)
        {
            var bucketKey = BandKey(signature, band);
            if (!_bands[band].TryGetValue(bucketKey, out var bucket))
            {
                bucket = [];
                _bands[band][bucketKey] = bucket;
            }

            bucket.Add(index);
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

        var candidates = new HashSet<int>();
        for (int band = 0; band < _bands.Length; band++)
        {
            if (_bands[band].TryGetValue(BandKey(signature, band), out var bucket))
            {
                candidates.UnionWith(bucket);
            }
        }

        var matches = new List<NearDuplicateMatch<TKey>>();
        foreach (int index in candidates.Order())
        {
            var (key, other, otherSeen) = _entries[index];
            if (!Options.WithinWindow(seen, otherSeen))
            {
                continue;
            }

            double similarity = signature.Similarity(other);
            if (similarity >= Options.Threshold)
            {
                matches.Add(new NearDuplicateMatch<TKey>(key, similarity, otherSeen));
            }
        }

        return matches;
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
