namespace Monitor.Core.Dedup;

/// <summary>
/// Hashes that are the same in every process, on every machine and in every .NET version (unlike
/// <see cref="string.GetHashCode()"/>, which is randomized per process): signatures are stored and compared later.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>The state of <see cref="Append(ulong, char)"/> before any char: the FNV-1a offset basis.</summary>
    public const ulong Start = FnvOffset;

    /// <summary>64-bit FNV-1a over the UTF-16 code units of <paramref name="text"/>, finished with <see cref="Mix"/>.</summary>
    public static ulong Of(ReadOnlySpan<char> text) => Mix(Append(Start, text));

    /// <summary><see cref="Of(ReadOnlySpan{char})"/> of <paramref name="prefix"/> followed by <paramref name="text"/>, without concatenating them.</summary>
    public static ulong Of(char prefix, ReadOnlySpan<char> text) => Mix(Append(Append(Start, prefix), text));

    /// <summary><see cref="Of(ReadOnlySpan{char})"/> of <paramref name="first"/> followed by <paramref name="second"/>, without concatenating them.</summary>
    public static ulong Of(ReadOnlySpan<char> first, ReadOnlySpan<char> second) => Mix(Append(Append(Start, first), second));

    /// <summary>
    /// The FNV-1a state <paramref name="hash"/> after one more char: hashing a text char by char from <see cref="Start"/>
    /// and finishing with <see cref="Mix"/> gives its <see cref="Of(ReadOnlySpan{char})"/>.
    /// </summary>
    public static ulong Append(ulong hash, char c)
    {
        hash = (hash ^ (byte)c) * FnvPrime;
        return (hash ^ (byte)(c >> 8)) * FnvPrime;
    }

    /// <summary>The FNV-1a state <paramref name="hash"/> after the chars of <paramref name="text"/>.</summary>
    public static ulong Append(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            hash = Append(hash, c);
        }

        return hash;
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
