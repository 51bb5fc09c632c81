using System.Numerics;

namespace Monitor.Core.Matching;

/// <summary>
/// All literal keyword patterns of all topics, searched at once in normalized text.
/// Patterns look like " w1 w2 " (or " w1 w2" for a prefix keyword) and the text like " t1 t2 t3 ", so an ordinal
/// substring hit is a whole-word phrase hit. The text is read word by word: a word's hash is looked up among the
/// patterns' first words (and, as it is read, its first characters among the single-word prefixes), and a candidate is
/// confirmed by an ordinal comparison at that word. One pass over the text, whatever the number of patterns.
/// Immutable and thread-safe.
/// </summary>
internal sealed class LiteralPatternSet
{
    private const ulong HashOffset = 14695981039346656037UL;
    private const ulong HashPrime = 1099511628211UL;

    private readonly string[] _patterns;

    /// <summary>Patterns by the hash of their first word, matched whole (every pattern but single-word prefixes).</summary>
    private readonly WordTable _firstWords;

    /// <summary>Single-word prefix patterns by the hash of their word.</summary>
    private readonly WordTable _prefixes;

    /// <summary>Bit L set: some single-word prefix pattern has L characters (L &lt; 64).</summary>
    private readonly ulong _prefixLengths;

    /// <summary>Single-word prefix patterns of 64 characters or more (compared at every word: there are hardly ever any).</summary>
    private readonly int[] _longPrefixes;

    public LiteralPatternSet(IReadOnlyList<string> patterns)
    {
        _patterns = [.. patterns];
        var firstWords = new Dictionary<ulong, List<int>>();
        var prefixes = new Dictionary<ulong, List<int>>();
        var longPrefixes = new List<int>();
        for (int id = 0; id < _patterns.Length; id++)
        {
            string pattern = _patterns[id];
            ReadOnlySpan<char> body = pattern.AsSpan(1); // after the leading space
            int space = body.IndexOf(' ');
            bool singleWordPrefix = space < 0; // " w" (a prefix keyword of one word); every other pattern has a space after its first word
            ReadOnlySpan<char> word = singleWordPrefix ? body : body[..space];
            if (!singleWordPrefix)
            {
                Add(firstWords, Hash(word), id);
            }
            else if (word.Length < 64)
            {
                Add(prefixes, Hash(word), id);
                _prefixLengths |= 1UL << word.Length;
            }
            else
            {
                longPrefixes.Add(id);
            }
        }

        _firstWords = new WordTable(firstWords);
        _prefixes = new WordTable(prefixes);
        _longPrefixes = [.. longPrefixes];
    }

    public int Count => _patterns.Length;

    /// <summary>Sets <paramref name="bit"/> in <paramref name="found"/>[id] for every pattern id occurring in <paramref name="text"/>.</summary>
    public void Scan(ReadOnlySpan<char> text, Span<byte> found, byte bit)
    {
        if (_patterns.Length == 0)
        {
            return;
        }

        int i = 0;
        while (i < text.Length)
        {
            // A word starts after a space (normalized text: single spaces, one before every word).
            if (text[i] != ' ' || i + 1 >= text.Length || text[i + 1] == ' ')
            {
                i++;
                continue;
            }

            int at = i; // the space before the word
            int start = i + 1;
            int end = start;
            ulong hash = HashOffset;
            ulong prefixLengths = _prefixLengths;
            while (end < text.Length && text[end] != ' ')
            {
                hash = (hash ^ text[end]) * HashPrime;
                end++;
                int length = end - start;
                if (length < 64 && ((prefixLengths >> length) & 1) != 0)
                {
                    Confirm(_prefixes.Find(hash), text, at, found, bit);
                }
            }

            Confirm(_firstWords.Find(hash), text, at, found, bit);
            foreach (int id in _longPrefixes)
            {
                Confirm(id, text, at, found, bit);
            }

            i = end;
        }
    }

    private static ulong Hash(ReadOnlySpan<char> word)
    {
        ulong hash = HashOffset;
        foreach (char c in word)
        {
            hash = (hash ^ c) * HashPrime;
        }

        return hash;
    }

    private static void Add(Dictionary<ulong, List<int>> table, ulong hash, int id)
    {
        if (!table.TryGetValue(hash, out var ids))
        {
            table[hash] = ids = [];
        }

        ids.Add(id);
    }

    private void Confirm(int[]? candidates, ReadOnlySpan<char> text, int at, Span<byte> found, byte bit)
    {
        if (candidates is null)
        {
            return;
        }

        foreach (int id in candidates)
        {
            Confirm(id, text, at, found, bit);
        }
    }

    private void Confirm(int id, ReadOnlySpan<char> text, int at, Span<byte> found, byte bit)
    {
        if (text[at..].StartsWith(_patterns[id], StringComparison.Ordinal))
        {
            found[id] |= bit;
        }
    }

    /// <summary>An open-addressing table from a word hash to the pattern ids that start with that word (hash collisions are weeded out by <see cref="Confirm(int, ReadOnlySpan{char}, int, Span{byte}, byte)"/>).</summary>
    private sealed class WordTable
    {
        private readonly ulong[] _keys;
        private readonly int[]?[] _ids;
        private readonly int _shift;

        public WordTable(Dictionary<ulong, List<int>> entries)
        {
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, entries.Count * 2));
            _keys = new ulong[size];
            _ids = new int[]?[size];
            _shift = 64 - BitOperations.Log2((uint)size);
            foreach (var (hash, ids) in entries)
            {
                int slot = Slot(hash);
                while (_ids[slot] is not null)
                {
                    slot = (slot + 1) & (size - 1);
                }

                _keys[slot] = hash;
                _ids[slot] = [.. ids];
            }
        }

        public int[]? Find(ulong hash)
        {
            int slot = Slot(hash);
            while (_ids[slot] is { } ids)
            {
                if (_keys[slot] == hash)
                {
                    return ids;
                }

                slot = (slot + 1) & (_keys.Length - 1);
            }

            return null;
        }

        private int Slot(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> _shift);
    }
}
