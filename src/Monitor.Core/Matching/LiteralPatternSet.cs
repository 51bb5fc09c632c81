using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Monitor.Core.Matching;

/// <summary>
/// All literal keyword patterns of all topics, searched at once in normalized text.
/// Patterns look like " w1 w2 " (or " w1 w2" for a prefix keyword) and the text like " t1 t2 t3 ", so an ordinal
/// substring hit is a whole-word phrase hit. The text is read word by word: the spaces of 32 chars at a time are found
/// with vector compares, each word's key (a hash of its length and first chars) is looked up among the patterns' first
/// words (and the key of its first chars among the single-word prefixes), and a candidate is confirmed by an ordinal
/// comparison at that word. One pass over the text, whatever the number of patterns. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <see cref="System.Buffers.SearchValues{T}"/> of strings is no faster here: every pattern starts with a space, and
/// with non-ASCII patterns (CJK keywords) it falls back to Aho-Corasick, which measured 2x slower than this scan.
/// The scan is built to avoid mispredicted branches, which dominate the cost of a word-by-word loop: word boundaries
/// come from bit masks, keys are computed without branches, and a word that starts no pattern (nearly all of them) is
/// rejected by one bit of a Bloom-style filter.
/// </remarks>
internal sealed class LiteralPatternSet
{
    /// <summary>Chars whose spaces are found at once (one bit each in a <see cref="uint"/> mask).</summary>
    private const int BlockLength = 32;

    /// <summary>The chars at the start of a word that its <see cref="Key"/> is made of.</summary>
    private const int HashedChars = 4;

    private readonly string[] _patterns;

    /// <summary>Patterns by the key of their first word, matched whole (every pattern but single-word prefixes).</summary>
    private readonly WordTable _firstWords;

    /// <summary>Single-word prefix patterns by the key of their first <see cref="_prefixKeyLength"/> chars.</summary>
    private readonly WordTable _prefixes;

    /// <summary>The chars of a word that key <see cref="_prefixes"/>: the shortest prefix's length, at most <see cref="HashedChars"/>; 0 without prefixes.</summary>
    private readonly int _prefixKeyLength;

    public LiteralPatternSet(IReadOnlyList<string> patterns)
    {
        _patterns = [.. patterns];
        var singleWordPrefixes = new List<int>();
        var firstWords = new Dictionary<ulong, List<Candidate>>();
        for (int id = 0; id < _patterns.Length; id++)
        {
            string pattern = _patterns[id];
            int space = pattern.IndexOf(' ', 1); // after the first word; none in " w" (a prefix keyword of one word)
            if (space < 0)
            {
                singleWordPrefixes.Add(id);
                continue;
            }

            // The probe is the first char of the second word ("x" in " w1 x2 "), or the space after a single word:
            // patterns sharing a first word ("model release", "model card") mostly differ there.
            Add(firstWords, Key(ReadChars(pattern, 1), space - 1), new Candidate(id, Math.Min(space + 1, pattern.Length - 1), pattern));
        }

        var prefixes = new Dictionary<ulong, List<Candidate>>();
        if (singleWordPrefixes.Count > 0)
        {
            _prefixKeyLength = Math.Min(HashedChars, singleWordPrefixes.Min(id => _patterns[id].Length - 1));
            foreach (int id in singleWordPrefixes)
            {
                string pattern = _patterns[id];
                Add(prefixes, Key(ReadChars(pattern, 1), _prefixKeyLength), new Candidate(id, pattern.Length - 1, pattern));
            }
        }

        _firstWords = new WordTable(firstWords);
        _prefixes = new WordTable(prefixes);
    }

    public int Count => _patterns.Length;

    /// <summary>Sets <paramref name="bit"/> in <paramref name="found"/>[id] for every pattern id occurring in <paramref name="text"/>.</summary>
    public void Scan(ReadOnlySpan<char> text, Span<byte> found, byte bit)
    {
        if (_patterns.Length == 0)
        {
            return;
        }

        // A word is a run of non-space chars after a space (normalized text: single spaces, one before every word);
        // a pattern occurrence starts at the space before its first word. What precedes the first space is no word.
        int wordStart = 0; // just after the last space seen; 0 before the first one
        for (int block = 0; block < text.Length; block += BlockLength)
        {
            for (uint spaces = SpaceMask(text[block..]); spaces != 0; spaces &= spaces - 1)
            {
                int space = block + BitOperations.TrailingZeroCount(spaces);
                if (wordStart > 0 && space > wordStart)
                {
                    ScanWord(text, wordStart, space - wordStart, found, bit);
                }

                wordStart = space + 1;
            }
        }

        if (wordStart > 0 && wordStart < text.Length)
        {
            ScanWord(text, wordStart, text.Length - wordStart, found, bit); // a last word without a space after it
        }
    }

    /// <summary>Bit k set: <paramref name="text"/>[k] is a space (k &lt; <see cref="BlockLength"/>).</summary>
    private static uint SpaceMask(ReadOnlySpan<char> text)
    {
        if (text.Length >= BlockLength)
        {
            ReadOnlySpan<ushort> chars = MemoryMarshal.Cast<char, ushort>(text);
            var spaces = Vector128.Create((ushort)' ');
            int width = Vector128<ushort>.Count;
            uint mask = 0;
            for (int k = 0; k < BlockLength; k += width)
            {
                mask |= Vector128.Equals(Vector128.Create(chars.Slice(k, width)), spaces).ExtractMostSignificantBits() << k;
            }

            return mask;
        }

        uint tail = 0;
        for (int k = 0; k < text.Length; k++)
        {
            tail |= (text[k] == ' ' ? 1u : 0u) << k;
        }

        return tail;
    }

    /// <summary>Confirms the patterns that may start at the word text[start..(start + length)].</summary>
    private void ScanWord(ReadOnlySpan<char> text, int start, int length, Span<byte> found, byte bit)
    {
        ulong head = ReadChars(text, start);
        if (_firstWords.Find(Key(head, length)) is { } candidates)
        {
            Confirm(candidates, text, start - 1, found, bit);
        }

        // Even a word shorter than the key is looked up (branch-free; its key then takes in the chars after it): a
        // filter hit is as rare, and confirming fails at the space that ends the word.
        if (_prefixKeyLength > 0 && _prefixes.Find(Key(head, _prefixKeyLength)) is { } prefixes)
        {
            Confirm(prefixes, text, start - 1, found, bit);
        }
    }

    private static void Confirm(Candidate[] candidates, ReadOnlySpan<char> text, int at, Span<byte> found, byte bit)
    {
        ReadOnlySpan<char> rest = text[at..];
        foreach (Candidate candidate in candidates)
        {
            // One char first: most candidates sharing a first word are ruled out without comparing the whole pattern.
            if (candidate.ProbeOffset < rest.Length
                && rest[candidate.ProbeOffset] == candidate.Probe
                && rest.StartsWith(candidate.Pattern.AsSpan()))
            {
                found[candidate.Id] |= bit;
            }
        }
    }

    /// <summary>
    /// The key of a word of <paramref name="length"/> chars whose first chars are <paramref name="head"/>
    /// (<see cref="ReadChars"/>): a hash of its length and first <see cref="HashedChars"/> chars. Words of up to 4
    /// chars are keyed whole; longer ones of the same length and start share a key, and are told apart when a
    /// candidate is confirmed. Branch-free, whatever the length.
    /// </summary>
    private static ulong Key(ulong head, int length) => ((head & HeadMask(length)) ^ ((ulong)length << 56)) * 0x9E3779B97F4A7C15UL;

    /// <summary>The bits of the first <paramref name="length"/> chars (all four from <see cref="HashedChars"/> up), branch-free.</summary>
    private static ulong HeadMask(int length) => ulong.MaxValue >> NonNegative(64 - (16 * length));

    /// <summary><see cref="HashedChars"/> chars from text[start], little-endian, zero past the end of <paramref name="text"/>.</summary>
    private static ulong ReadChars(ReadOnlySpan<char> text, int start)
    {
        if (text.Length - start >= HashedChars)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.AsBytes(text.Slice(start, HashedChars)));
        }

        ulong chars = 0;
        for (int k = text.Length - 1; k >= start; k--)
        {
            chars = (chars << 16) | text[k];
        }

        return chars;
    }

    /// <summary>max(<paramref name="value"/>, 0) without a branch.</summary>
    private static int NonNegative(int value) => value & ~(value >> 31);

    private static void Add(Dictionary<ulong, List<Candidate>> table, ulong key, Candidate candidate)
    {
        if (!table.TryGetValue(key, out var candidates))
        {
            table[key] = candidates = [];
        }

        candidates.Add(candidate);
    }

    /// <summary>A pattern that may occur at a word; its char at <see cref="ProbeOffset"/> is compared first.</summary>
    private readonly record struct Candidate(int Id, int ProbeOffset, string Pattern)
    {
        public char Probe { get; } = Pattern[ProbeOffset];
    }

    /// <summary>
    /// An open-addressing table from a word <see cref="Key"/> to the patterns that start with such a word (words
    /// sharing a key are told apart by <see cref="Confirm"/>), behind a filter of 64 bits per key that rejects nearly
    /// every other word with one predictable branch.
    /// </summary>
    private sealed class WordTable
    {
        private readonly ulong[] _filter;
        private readonly int _filterShift;
        private readonly ulong[] _keys;
        private readonly Candidate[]?[] _candidates;
        private readonly int _shift;

        public WordTable(Dictionary<ulong, List<Candidate>> entries)
        {
            int filterBits = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, entries.Count * 64));
            _filter = new ulong[filterBits / 64];
            _filterShift = 64 - BitOperations.Log2((uint)filterBits);
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, entries.Count * 2));
            _keys = new ulong[size];
            _candidates = new Candidate[]?[size];
            _shift = 64 - BitOperations.Log2((uint)size);
            foreach (var (key, candidates) in entries)
            {
                int bit = FilterBit(key);
                _filter[bit >> 6] |= 1UL << bit; // the shift count is taken modulo 64
                int slot = Slot(key);
                while (_candidates[slot] is not null)
                {
                    slot = (slot + 1) & (size - 1);
                }

                _keys[slot] = key;
                _candidates[slot] = [.. candidates];
            }
        }

        public Candidate[]? Find(ulong key)
        {
            int bit = FilterBit(key);
            if ((_filter[bit >> 6] & (1UL << bit)) == 0)
            {
                return null;
            }

            int slot = Slot(key);
            while (_candidates[slot] is { } candidates)
            {
                if (_keys[slot] == key)
                {
                    return candidates;
                }

                slot = (slot + 1) & (_keys.Length - 1);
            }

            return null;
        }

        // Keys are products of a multiplicative hash: their top bits are the well-mixed ones.
        private int FilterBit(ulong key) => (int)(key >> _filterShift);

        private int Slot(ulong key) => (int)(key >> _shift);
    }
}
