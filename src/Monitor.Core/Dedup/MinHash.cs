namespace Monitor.Core.Dedup;

/// <summary>
/// MinHash (Broder 1997) over a weighted set: a shingle of integer weight w stands for the w elements (shingle, 1..w),
/// so the share of equal slots of two signatures estimates the weighted Jaccard similarity Σ min(wa, wb) / Σ max(wa, wb).
/// Each of the <see cref="Slots"/> slots is the minimum of one hash function h(x) = high 32 bits of (a·x + b) mod 2^64
/// (multiply-shift, Dietzfelbinger et al. 1997) over the elements, with a and b drawn once from a fixed SplitMix64
/// seed: the same in every process.
/// </summary>
internal static class MinHash
{
    /// <summary>Slots (hash functions) per signature: the estimate's standard error is at most 0.5/√128 ≈ 0.044.</summary>
    public const int Slots = 128;

    private const ulong Seed = 0x4D6F6E69746F7231UL; // "Monitor1"

    private static readonly ulong[] s_multipliers = CreateCoefficients(odd: true);
    private static readonly ulong[] s_addends = CreateCoefficients(odd: false);

    public static uint[] Compute(Dictionary<ulong, int> weightedShingles)
    {
        var slots = new uint[Slots];
        Array.Fill(slots, uint.MaxValue);
        foreach (var (shingle, weight) in weightedShingles)
        {
            for (int copy = 0; copy < weight; copy++)
            {
                ulong element = copy == 0 ? shingle : StableHash.Mix(shingle + ((ulong)copy * 0x9E3779B97F4A7C15UL));
                for (int i = 0; i < slots.Length; i++)
                {
                    uint value = (uint)(((s_multipliers[i] * element) + s_addends[i]) >> 32);
                    if (value < slots[i])
                    {
                        slots[i] = value;
                    }
                }
            }
        }

        return slots;
    }

    private static ulong[] CreateCoefficients(bool odd)
    {
        ulong state = odd ? Seed : ~Seed;
        var values = new ulong[Slots];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = StableHash.Next(ref state) | (odd ? 1UL : 0UL);
        }

        return values;
    }
}
