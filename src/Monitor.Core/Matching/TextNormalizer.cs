using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    /// <summary>The ASCII chars folded at once by <see cref="TryFoldAsciiBlock"/>: a <see cref="Vector128{T}"/> of <see cref="ushort"/>.</summary>
    private const int AsciiBlock = 8;

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
                builder.Advance(AppendAscii(text[i..end], builder.GetAppendSpan(end - i), ref atSeparator));
                i = end;
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

    /// <summary>
    /// Writes the folds (<see cref="CharFolding.Ascii"/>) of the ASCII chars <paramref name="text"/> to
    /// <paramref name="destination"/>, without a separator after a separator; returns the number of chars written.
    /// </summary>
    /// <remarks>
    /// Word boundaries cost no mispredicted branches: blocks of 8 chars are folded with vector operations as long as
    /// no separator follows another (single spaces between words: most of running text), and the other chars by a
    /// branch-free loop that stores every fold and keeps it (advances) unless it is a repeated separator.
    /// </remarks>
    private static int AppendAscii(ReadOnlySpan<char> text, Span<char> destination, ref bool atSeparator)
    {
        int previousSeparator = atSeparator ? 1 : 0;
        int written = 0;
        int i = 0;
        while (i < text.Length)
        {
            int scalarEnd = text.Length;
            if (Vector128.IsHardwareAccelerated && text.Length - i >= AsciiBlock)
            {
                if (TryFoldAsciiBlock(text.Slice(i, AsciiBlock), destination.Slice(written, AsciiBlock), ref previousSeparator))
                {
                    i += AsciiBlock;
                    written += AsciiBlock;
                    continue;
                }

                scalarEnd = i + AsciiBlock;
            }

            for (; i < scalarEnd; i++)
            {
                char folded = CharFolding.Ascii(text[i]);
                int separator = folded == ' ' ? 1 : 0;
                destination[written] = folded;
                written += 1 - (separator & previousSeparator);
                previousSeparator = separator;
            }
        }

        atSeparator = previousSeparator != 0;
        return written;
    }

    /// <summary>
    /// Folds <see cref="AsciiBlock"/> ASCII chars into <paramref name="destination"/> like <see cref="CharFolding.Ascii"/>
    /// (letters lower-cased, digits kept, anything else a space), unless a separator would follow a separator
    /// (<paramref name="previousSeparator"/>: 1 if the char before the block was one); then writes nothing and returns false.
    /// </summary>
    private static bool TryFoldAsciiBlock(ReadOnlySpan<char> text, Span<char> destination, ref int previousSeparator)
    {
        Vector128<ushort> chars = Vector128.Create(MemoryMarshal.Cast<char, ushort>(text));
        Vector128<ushort> lower = chars | Vector128.Create((ushort)0x20); // an ASCII letter in lower case
        Vector128<ushort> letters = Vector128.LessThanOrEqual(lower - Vector128.Create((ushort)'a'), Vector128.Create((ushort)('z' - 'a')));
        Vector128<ushort> digits = Vector128.LessThanOrEqual(chars - Vector128.Create((ushort)'0'), Vector128.Create((ushort)('9' - '0')));
        uint separators = ~(letters | digits).ExtractMostSignificantBits() & ((1u << AsciiBlock) - 1);
        if ((separators & ((separators << 1) | (uint)previousSeparator)) != 0)
        {
            return false;
        }

        Vector128<ushort> folded = Vector128.ConditionalSelect(letters, lower, Vector128.ConditionalSelect(digits, chars, Vector128.Create((ushort)' ')));
        folded.CopyTo(MemoryMarshal.Cast<char, ushort>(destination));
        previousSeparator = (int)(separators >> (AsciiBlock - 1));
        return true;
    }

    /// <summary>True when normalized text (as produced by <see cref="AppendPadded"/>) contains at least one word.</summary>
    internal static bool HasWords(ReadOnlySpan<char> normalized) => normalized.ContainsAnyExcept(' ');
}
