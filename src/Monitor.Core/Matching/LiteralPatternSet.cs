using System.Buffers;

namespace Monitor.Core.Matching;

/// <summary>
/// All literal keyword patterns of all topics, searched at once in normalized text.
/// Patterns look like " w1 w2 " (or " w1 w2" for a prefix keyword) and the text like " t1 t2 t3 ", so an ordinal
/// substring hit is a whole-word phrase hit. Immutable and thread-safe.
/// </summary>
internal sealed class LiteralPatternSet
{
    private readonly string[] _patterns;
    private readonly SearchValues<string>? _search;

    /// <summary>Pattern ids by the first char of their first word (pattern[1]).</summary>
    private readonly Dictionary<char, int[]> _byFirstChar;

    public LiteralPatternSet(IReadOnlyList<string> patterns)
    {
        _patterns = [.. patterns];
        _search = _patterns.Length == 0 ? null : SearchValues.Create(_patterns, StringComparison.Ordinal);
        _byFirstChar = Enumerable.Range(0, _patterns.Length)
            .GroupBy(id => _patterns[id][1])
            .ToDictionary(group => group.Key, group => group.ToArray());
    }

    public int Count => _patterns.Length;

    /// <summary>Sets <paramref name="bit"/> in <paramref name="found"/>[id] for every pattern id occurring in <paramref name="text"/>.</summary>
    public void Scan(ReadOnlySpan<char> text, Span<byte> found, byte bit)
    {
        if (_search is null)
        {
            return;
        }

        int offset = 0;
        while (offset < text.Length)
        {
            int rel = text[offset..].IndexOfAny(_search);
            if (rel < 0)
            {
                return;
            }

            int at = offset + rel;
            ReadOnlySpan<char> rest = text[at..];
            if (rest.Length > 1 && _byFirstChar.TryGetValue(rest[1], out int[]? candidates))
            {
                foreach (int id in candidates)
                {
                    if (rest.StartsWith(_patterns[id], StringComparison.Ordinal))
                    {
                        found[id] |= bit;
                    }
                }
            }

            offset = at + 1;
        }
    }
}
