using System.Collections.Frozen;

namespace Monitor.Core.Dedup;

/// <summary>
/// A fixed set of words looked up by span, for short words (most of them) a few nanoseconds: a word of up to
/// <see cref="MaxPackedLength"/> ASCII chars is packed into one 64-bit value (its length and 7 bits a char: distinct
/// words, distinct values) and looked up in an open-addressing table of such values; longer or non-ASCII words are
/// looked up in a <see cref="FrozenSet{T}"/> of the set's other words. Immutable, so safe to share between threads.
/// </summary>
internal sealed class PackedWordSet
{
    /// <summary>The longest word that is packed: 8 chars of 7 bits and the length fit in 64 bits.</summary>
    private const int MaxPackedLength = 8;

    /// <summary>Packed words at their hash's slot or after it (linear probing); 0 is a free slot (no word packs to 0).</summary>
    private readonly ulong[] _table;

    private readonly int _shift;

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _others;

    public PackedWordSet(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var packed = new HashSet<ulong>();
        var others = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (TryPack(word, out ulong value))
            {
                packed.Add(value);
            }
            else
            {
                others.Add(word);
            }
        }

        // At most a quarter full: a lookup rarely probes a second slot.
        int bits = 4;
        while ((1 << bits) < packed.Count * 4)
        {
            bits++;
        }

        _table = new ulong[1 << bits];
        _shift = 64 - bits;
        foreach (ulong value in packed)
        {
            int slot = Slot(value);
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & (_table.Length - 1);
            }

            _table[slot] = value;
        }

        _others = others.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<char> word)
    {
        if (!TryPack(word, out ulong value))
        {
            return _others.Contains(word);
        }

        for (int slot = Slot(value); ; slot = (slot + 1) & (_table.Length - 1))
        {
            ulong entry = _table[slot];
            if (entry == value)
            {
                return true;
            }

            if (entry == 0)
            {
                return false;
            }
        }
    }

    /// <summary>A word of 1 to <see cref="MaxPackedLength"/> ASCII chars as its length (top byte) and chars (7 bits each).</summary>
    private static bool TryPack(ReadOnlySpan<char> word, out ulong value)
    {
        value = 0;
        if (word.IsEmpty || word.Length > MaxPackedLength)
        {
            return false;
        }

        ulong chars = 0;
        foreach (char c in word)
        {
            if (c > 0x7F)
            {
                return false;
            }

            chars = (chars << 7) | c;
        }

        value = ((ulong)word.Length << 56) | chars;
        return true;
    }

    /// <summary>Fibonacci hashing: the top bits of the value times 2^64/φ.</summary>
    private int Slot(ulong value) => (int)((value * 0x9E3779B97F4A7C15UL) >> _shift);
}
