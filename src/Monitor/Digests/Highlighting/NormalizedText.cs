using System.Collections.Concurrent;
using System.Text;
using Monitor.Core.Matching;

namespace Monitor.Digests.Highlighting;

/// <summary>
/// A text normalized exactly as keyword matching normalizes it (<see cref="TextNormalizer"/>: " w1 w2 ", case and
/// diacritics folded, punctuation separating words, CJK characters as words of their own), with a map from every
/// normalized character back to the original character it came from, so that a hit found in the normalized text can be
/// highlighted in the original one.
/// </summary>
/// <remarks>
/// <see cref="TextNormalizer"/> folds each character (or surrogate pair) on its own, independent of its neighbours, and
/// collapses separators; this type asks it for the fold of each character once (cached) and applies the same collapsing,
/// so <see cref="Text"/> is always <c>" " + TextNormalizer.Normalize(original) + " "</c> (a test holds it to that).
/// </remarks>
internal sealed class NormalizedText
{
    private static readonly ConcurrentDictionary<int, string> s_folds = new();

    /// <summary>The folds of the ASCII characters, looked up without hashing (punctuation and spaces between the words).</summary>
    private static readonly string[] s_ascii = [.. Enumerable.Range(0, 128).Select(c => FoldOf(((char)c).ToString()))];

    private readonly List<int> _sourceStart;
    private readonly List<int> _sourceEnd;

    private NormalizedText(string text, List<int> sourceStart, List<int> sourceEnd)
    {
        Text = text;
        _sourceStart = sourceStart;
        _sourceEnd = sourceEnd;
    }

    /// <summary>The padded normalized text: " w1 w2 " (a single " " when there are no words).</summary>
    public string Text { get; }

    public static NormalizedText Create(string original)
    {
        var text = new StringBuilder(original.Length + 2);
        var starts = new List<int>(original.Length + 2);
        var ends = new List<int>(original.Length + 2);

        void Append(char c, int start, int end)
        {
            text.Append(c);
            starts.Add(start);
            ends.Add(end);
        }

        Append(' ', 0, 0);
        var i = 0;
        while (i < original.Length)
        {
            var c = original[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                // Most characters: a letter or digit folds to itself, lower-cased (no string per character).
                Append(char.ToLowerInvariant(c), i, i + 1);
                i++;
                continue;
            }

            var width = char.IsHighSurrogate(c) && i + 1 < original.Length && char.IsLowSurrogate(original[i + 1]) ? 2 : 1;
            foreach (var f in Fold(original, i, width))
            {
                if (f != ' ')
                {
                    Append(f, i, i + width);
                }
                else if (text[^1] != ' ')
                {
                    Append(' ', i, i + width);
                }
            }

            i += width;
        }

        if (text[^1] != ' ')
        {
            Append(' ', original.Length, original.Length);
        }

        return new NormalizedText(text.ToString(), starts, ends);
    }

    /// <summary>The original range covering normalized characters <c>[start, end)</c>.</summary>
    public TextMark ToOriginal(int start, int end) => new(_sourceStart[start], _sourceEnd[end - 1]);

    /// <summary>
    /// What <see cref="TextNormalizer"/> turns one character into: letters and digits, " " for a separator, "" when
    /// dropped (combining marks, soft hyphen), " x " for a character of a script written without spaces.
    /// </summary>
    private static string Fold(string original, int index, int width)
    {
        var c = original[index];
        if (width == 1 && c < s_ascii.Length)
        {
            return s_ascii[c];
        }

        var key = width == 2 ? char.ConvertToUtf32(c, original[index + 1]) : c;
        return s_folds.GetOrAdd(key, static (_, character) => FoldOf(character), original.Substring(index, width));
    }

    private static string FoldOf(string character)
    {
        // Letters on both sides keep the separators of the fold from being trimmed: "a" + fold + "b".
        var probe = TextNormalizer.Normalize("a" + character + "b");
        return probe[1..^1];
    }
}
