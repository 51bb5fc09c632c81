namespace Monitor.Core.Dedup;

/// <summary>
/// Hashes that are the same in every process, on every machine and in every .NET version (unlike
/// <see cref="string.GetHashCode()"/>, which is randomized per process): signatures are stored and compared later.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>64-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>, finished with <see cref="Mix"/>.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        ulong hash = FnvOffset;
        foreach (char c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>The SplitMix64 finalizer (Steele, Lea and Flood 2014): a bijection that spreads every input bit.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    /// <summary>The SplitMix64 generator: a fixed sequence of well-spread 64-bit values from <paramref name="state"/>.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }
}
