using System.Collections.Concurrent;

namespace Monitor.Digests.Highlighting;

/// <summary>
/// Finds matched keywords in a text the way the topic matcher found them (case- and diacritic-insensitive, whole words,
/// phrases across hyphens and punctuation, prefixes, CJK by character sequence, regex keywords by their regex), and
/// returns ranges of the original text to highlight. Thread-safe; compiled terms are cached.
/// </summary>
public sealed class TermHighlighter(TimeSpan regexTimeout)
{
    /// <summary>The matcher's default (<c>Monitor:RegexTimeout</c>).</summary>
    public static readonly TimeSpan DefaultRegexTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Highlights computed lately (terms and text), at most this many: a batch of digests' titles and snippets.</summary>
    private const int CacheCapacity = 4_096;

    private readonly ConcurrentDictionary<string, TermPattern?> _patterns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Terms, string Text), Highlight> _highlights = new();

    public TermHighlighter()
        : this(DefaultRegexTimeout)
    {
    }

    public Highlight Highlight(string text, IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var distinct = terms.Distinct(StringComparer.Ordinal).ToArray();

        // The same story goes to many subscribers, mostly for the same terms: a batch of digests highlights it once.
        var key = (string.Join('\u001F', distinct), text);
        if (_highlights.TryGetValue(key, out var known))
        {
            return known;
        }

        var highlight = Compute(text, distinct);
        if (_highlights.Count >= CacheCapacity)
        {
            _highlights.Clear();
        }

        _highlights[key] = highlight;
        return highlight;
    }

    private Highlight Compute(string text, string[] terms)
    {
        var normalized = NormalizedText.Create(text);
        var marks = new List<TextMark>();
        var found = new List<string>();
        foreach (var term in terms)
        {
            var pattern = _patterns.GetOrAdd(term, static (t, timeout) => TermPattern.Create(t, timeout), regexTimeout);
            if (pattern is null)
            {
                continue;
            }

            var before = marks.Count;
            marks.AddRange(pattern.Find(text, normalized).Select(m => WholeCharacters(text, m)).Where(m => m.Length > 0));
            if (marks.Count > before)
            {
                found.Add(term);
            }
        }

        return new Highlight(text, Merge(marks), found);
    }

    /// <summary>Widens a mark that would cut a surrogate pair (only a regex can produce one).</summary>
    private static TextMark WholeCharacters(string text, TextMark mark)
    {
        var start = mark.Start > 0 && char.IsLowSurrogate(text[mark.Start]) && char.IsHighSurrogate(text[mark.Start - 1]) ? mark.Start - 1 : mark.Start;
        var end = mark.End < text.Length && char.IsLowSurrogate(text[mark.End]) && char.IsHighSurrogate(text[mark.End - 1]) ? mark.End + 1 : mark.End;
        return new TextMark(start, end);
    }

    private static List<TextMark> Merge(List<TextMark> marks)
    {
        var merged = new List<TextMark>(marks.Count);
        foreach (var mark in marks.OrderBy(m => m.Start).ThenByDescending(m => m.End))
        {
            if (merged.Count > 0 && mark.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, mark.End) };
            }
            else
            {
                merged.Add(mark);
            }
        }

        return merged;
    }
}
