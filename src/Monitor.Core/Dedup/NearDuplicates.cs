namespace Monitor.Core.Dedup;

/// <summary>
/// Near-duplicate detection: the same story told by several outlets, or re-published with a reworded title, under
/// different links. Each item gets a <see cref="NearDuplicateSignature"/>: MinHash (Broder 1997; 128 slots) over the
/// weighted shingles of its title and the first ten shingles of its lead (words for space-separated scripts,
/// character bigrams for Chinese and Japanese; English and German stop words and headline verbs dropped; words cut to
/// five letters; words with digits weigh 3), plus the identifiers of its title (numbers, model-variant words) so that
/// "V4" and "V3.2", "H100" and "H200", "Flash" and "Pro" never merge. Two items are one story when their signatures
/// are at least <see cref="DefaultThreshold"/> similar and they were first seen within <see cref="DefaultWindow"/> of
/// each other. Tuned on the labelled pairs in tests/Monitor.Core.Tests/Dedup/near-duplicates.tsv (precision 0.95,
/// recall 0.78 there; 0.89 and 0.68 on the holdout pairs). Pure: no I/O, no clock, the same results in every process.
/// </summary>
public static class NearDuplicates
{
    /// <summary>
    /// The least similarity of two items of one story: chosen for precision over recall (a false merge hides a story, a
    /// missed one shows it twice); see the sweep printed by <c>NearDuplicateLabelledSetTests</c>.
    /// </summary>
    public const double DefaultThreshold = 0.3;

    /// <summary>The longest time between the first sightings of two items of one story.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(48);

    /// <inheritdoc cref="NearDuplicateSignature.Compute(string, string?)"/>
    public static NearDuplicateSignature Compute(string title, string? lead) => NearDuplicateSignature.Compute(title, lead);

    /// <inheritdoc cref="NearDuplicateSignature.Similarity"/>
    public static double Similarity(NearDuplicateSignature a, NearDuplicateSignature b)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Similarity(b);
    }

    /// <summary>True when the signatures are at least <paramref name="threshold"/> similar (time is not considered).</summary>
    public static bool IsNearDuplicate(NearDuplicateSignature a, NearDuplicateSignature b, double threshold = DefaultThreshold) =>
        threshold > 0 && Similarity(a, b) >= threshold;

    /// <summary>
    /// Every pair (i, j), i &lt; j, of near-duplicate items among <paramref name="signatures"/> first seen at
    /// <paramref name="seen"/> (same length), found through a <see cref="NearDuplicateIndex{TKey}"/>: in order of j, then i.
    /// </summary>
    public static IReadOnlyList<(int First, int Second)> FindPairs(
        IReadOnlyList<NearDuplicateSignature> signatures,
        IReadOnlyList<DateTimeOffset> seen,
        NearDuplicateOptions options)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentNullException.ThrowIfNull(options);
        if (signatures.Count != seen.Count)
        {
            throw new ArgumentException($"{signatures.Count} signatures but {seen.Count} times.", nameof(seen));
        }

        var pairs = new List<(int First, int Second)>();
        if (!options.Enabled)
        {
            return pairs;
        }

        var index = new NearDuplicateIndex<int>(options, signatures.Count);
        for (int j = 0; j < signatures.Count; j++)
        {
            foreach (var match in index.Find(signatures[j], seen[j]))
            {
                pairs.Add((match.Key, j));
            }

            index.Add(j, signatures[j], seen[j]);
        }

        return pairs;
    }
}
