using System.Text;
using Monitor.Core.Text;

namespace Monitor.Core.Matching;

/// <summary>
/// The text normalization keyword matching is built on, reusable wherever "the same words" matters
/// (e.g. near-duplicate titles).
/// </summary>
/// <remarks>
/// Case and diacritics are removed (Unicode compatibility decomposition, combining marks dropped, invariant
/// lower case, ß → ss, æ → ae, œ → oe, ø → o...); letters and digits form words; everything else (spaces,
/// hyphens and dashes, apostrophes, punctuation, symbols) separates words; each character of scripts written
/// without spaces (Han, Hiragana, Katakana, Hangul syllables, Thai...) is a word of its own.
/// </remarks>
public static class TextNormalizer
{
    /// <summary>
    /// The words of <paramref name="text"/> separated by single spaces, e.g. "Régulation de l'IA — Mixture-of-Experts"
    /// gives "regulation de l ia mixture of experts" and "深度求索发布" gives "深 度 求 索 发 布".
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new PooledCharBuilder(stackalloc char[256]);
        try
        {
            AppendPadded(text, ref builder);
            return new string(builder.AsSpan().Trim(' '));
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>
    /// Appends the normalized words of <paramref name="text"/> as " w1 w2 ": a space before every word and after the
    /// last one (no space is doubled if <paramref name="builder"/> already ends with one).
    /// </summary>
    internal static void AppendPadded(scoped ReadOnlySpan<char> text, ref PooledCharBuilder builder)
    {
        if (builder.Last != ' ')
        {
            builder.Append(' ');
        }

        bool atSeparator = true;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 0x80)
            {
                // A run of ASCII: each char folds to at most one char, written straight into the buffer.
                int run = text[i..].IndexOfAnyExceptInRange('\0', '\u007F');
                int end = run < 0 ? text.Length : i + run;
                Span<char> destination = builder.GetAppendSpan(end - i);
                int written = 0;
                for (; i < end; i++)
                {
                    char folded = CharFolding.Ascii(text[i]);
                    if (folded != ' ')
                    {
                        destination[written++] = folded;
                        atSeparator = false;
                    }
                    else if (!atSeparator)
                    {
                        destination[written++] = ' ';
                        atSeparator = true;
                    }
                }

                builder.Advance(written);
                continue;
            }

            string fold;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                fold = CharFolding.Supplementary(new Rune(c, text[i + 1]));
                i += 2;
            }
            else
            {
                fold = CharFolding.Bmp(c);
                i++;
            }

            foreach (char f in fold)
            {
                if (f != ' ')
                {
                    builder.Append(f);
                    atSeparator = false;
                }
                else if (!atSeparator)
                {
                    builder.Append(' ');
                    atSeparator = true;
                }
            }
        }

        if (!atSeparator)
        {
            builder.Append(' ');
        }
    }

    /// <summary>True when normalized text (as produced by <see cref="AppendPadded"/>) contains at least one word.</summary>
    internal static bool HasWords(ReadOnlySpan<char> normalized) => normalized.ContainsAnyExcept(' ');
}
