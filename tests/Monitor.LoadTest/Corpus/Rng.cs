namespace Monitor.LoadTest.Corpus;

/// <summary>
/// A small deterministic generator (SplitMix64): the same seed gives the same corpus on every machine and runtime,
/// independent of System.Random's implementation. Streams are derived from (seed, purpose, indexes), so one item's text
/// does not depend on the order items are generated in.
/// </summary>
public struct Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    /// <summary>A stream for one purpose and one or two indexes.</summary>
    public static Rng For(int seed, int purpose, long a = 0, long b = 0)
    {
        ulong s = Mix((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)purpose);
        s = Mix(s ^ (ulong)a * 0xBF58476D1CE4E5B9UL);
        s = Mix(s ^ (ulong)b * 0x94D049BB133111EBUL);
        return new Rng(s);
    }

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>0 &lt;= result &lt; <paramref name="max"/>.</summary>
    public int Next(int max) => max <= 1 ? 0 : (int)(NextULong() % (ulong)max);

    /// <summary><paramref name="min"/> &lt;= result &lt; <paramref name="max"/>.</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> list) => list[Next(list.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
