using System.Text.RegularExpressions;
using Monitor.Core.Matching;

namespace Monitor.Digests.Highlighting;

/// <summary>
/// One keyword (as written in feeds.json) compiled for highlighting with the matcher's semantics: a word or phrase is
/// found whole-word in the normalized text (a trailing <c>*</c> makes the last word a prefix, and the whole word is
/// marked); a <c>/regex/</c> keyword marks its matches in the original text.
/// </summary>
internal sealed class TermPattern
{
    private readonly string? _literal;
    private readonly bool _prefix;
    private readonly Regex? _regex;

    private TermPattern(string term, string? literal, bool prefix, Regex? regex)
    {
        Term = term;
        _literal = literal;
        _prefix = prefix;
        _regex = regex;
    }

    public string Term { get; }

    /// <summary>Compiles <paramref name="term"/>; null when it cannot match anything (empty, no words, invalid regex).</summary>
    public static TermPattern? Create(string term, TimeSpan regexTimeout)
    {
        if (string.IsNullOrWhiteSpace(term) || KeywordSyntax.Validate(term) is not null)
        {
            return null;
        }

        var trimmed = term.Trim();
        if (KeywordSyntax.IsRegex(term))
        {
            return new TermPattern(term, null, false, new Regex(trimmed[1..^1], KeywordSyntax.RegexKeywordOptions, regexTimeout));
        }

        var prefix = KeywordSyntax.IsPrefix(term);
        var words = TextNormalizer.Normalize(prefix ? trimmed.TrimEnd('*') : trimmed);
        return new TermPattern(term, prefix ? " " + words : " " + words + " ", prefix, null);
    }

    /// <summary>Every occurrence in the text, as ranges of the original text (overlaps possible, merged by the caller).</summary>
    public IEnumerable<TextMark> Find(string original, NormalizedText normalized) =>
        _regex is not null ? FindRegex(original) : FindLiteral(normalized);

    private IEnumerable<TextMark> FindLiteral(NormalizedText normalized)
    {
        var text = normalized.Text;
        var at = text.IndexOf(_literal!, StringComparison.Ordinal);
        while (at >= 0)
        {
            var start = at + 1; // the first character of the first word
            var end = at + _literal!.Length;
            if (_prefix)
            {
                end = text.IndexOf(' ', end); // the whole word the prefix begins
            }
            else
            {
                end--; // the trailing separator is not part of the hit
            }

            yield return normalized.ToOriginal(start, end);
            at = text.IndexOf(_literal, at + 1, StringComparison.Ordinal);
        }
    }

    private List<TextMark> FindRegex(string original)
    {
        var marks = new List<TextMark>();
        try
        {
            for (var match = _regex!.Match(original); match.Success; match = match.NextMatch())
            {
                if (match.Length > 0)
                {
                    marks.Add(new TextMark(match.Index, match.Index + match.Length));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // As in matching: a runaway pattern on this text marks nothing more, it is never an error.
        }

        return marks;
    }
}
