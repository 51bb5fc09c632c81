using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>
    /// The slots of the weighted set of distinct <paramref name="shingles"/> with their <paramref name="weights"/>
    /// (a shingle of weight 0 or less has no elements).
    /// </summary>
    public static uint[] Compute(ReadOnlySpan<ulong> shingles, ReadOnlySpan<int> weights)
    {
        int count = 0;
        foreach (int weight in weights)
        {
            count += Math.Max(weight, 0);
        }

        var elements = ArrayPool<ulong>.Shared.Rent(count);
        try
        {
            int n = 0;
            for (int s = 0; s < shingles.Length; s++)
            {
                ulong shingle = shingles[s];
                for (int copy = 0; copy < weights[s]; copy++)
                {
                    elements[n++] = copy == 0 ? shingle : StableHash.Mix(shingle + ((ulong)copy * 0x9E3779B97F4A7C15UL));
                }
            }

            var slots = new uint[Slots];
            Minimize(elements.AsSpan(0, n), slots);
            return slots;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(elements);
        }
    }

    /// <summary>
    /// Each slot i: the least high 32 bits of (a_i·x + b_i) mod 2^64 over the <paramref name="elements"/> x, uint.MaxValue
    /// when there are none. The least 64-bit value is taken and then its high half (the high half of the least is the
    /// least high half), eight or four slots at a time where vectors are accelerated.
    /// </summary>
    private static void Minimize(ReadOnlySpan<ulong> elements, Span<uint> slots)
    {
        ref ulong multipliers = ref MemoryMarshal.GetArrayDataReference(s_multipliers);
        ref ulong addends = ref MemoryMarshal.GetArrayDataReference(s_addends);
        ref uint slot = ref MemoryMarshal.GetReference(slots);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= Slots - (2 * Vector512<ulong>.Count); i += 2 * Vector512<ulong>.Count)
            {
                var a0 = Vector512.LoadUnsafe(ref multipliers, (nuint)i);
                var b0 = Vector512.LoadUnsafe(ref addends, (nuint)i);
                var a1 = Vector512.LoadUnsafe(ref multipliers, (nuint)(i + Vector512<ulong>.Count));
                var b1 = Vector512.LoadUnsafe(ref addends, (nuint)(i + Vector512<ulong>.Count));
                var min0 = Vector512<ulong>.AllBitsSet;
                var min1 = Vector512<ulong>.AllBitsSet;
                foreach (ulong element in elements)
                {
                    var x = Vector512.Create(element);
                    min0 = Vector512.Min(min0, (a0 * x) + b0);
                    min1 = Vector512.Min(min1, (a1 * x) + b1);
                }

                Vector512.Narrow(min0 >>> 32, min1 >>> 32).StoreUnsafe(ref slot, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= Slots - (2 * Vector256<ulong>.Count); i += 2 * Vector256<ulong>.Count)
            {
                var a0 = Vector256.LoadUnsafe(ref multipliers, (nuint)i);
                var b0 = Vector256.LoadUnsafe(ref addends, (nuint)i);
                var a1 = Vector256.LoadUnsafe(ref multipliers, (nuint)(i + Vector256<ulong>.Count));
                var b1 = Vector256.LoadUnsafe(ref addends, (nuint)(i + Vector256<ulong>.Count));
                var min0 = Vector256<ulong>.AllBitsSet;
                var min1 = Vector256<ulong>.AllBitsSet;
                foreach (ulong element in elements)
                {
                    var x = Vector256.Create(element);
                    min0 = Vector256.Min(min0, (a0 * x) + b0);
                    min1 = Vector256.Min(min1, (a1 * x) + b1);
                }

                Vector256.Narrow(min0 >>> 32, min1 >>> 32).StoreUnsafe(ref slot, (nuint)i);
            }
        }

        for (; i < Slots; i++)
        {
            ulong a = s_multipliers[i];
            ulong b = s_addends[i];
            ulong min = ulong.MaxValue;
            foreach (ulong element in elements)
            {
                min = Math.Min(min, (a * element) + b);
            }

            slots[i] = (uint)(min >> 32);
        }
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
