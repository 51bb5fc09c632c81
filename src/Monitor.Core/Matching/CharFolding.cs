using System.Globalization;
using System.Text;

namespace Monitor.Core.Matching;

/// <summary>
/// Per-character folding used by <see cref="TextNormalizer"/>: what each character becomes in normalized text.
/// A fold is a short string where ' ' stands for a word separator: "" (dropped: combining marks, soft hyphen),
/// " " (separator: punctuation, symbols, whitespace), letters/digits (lower-cased, diacritics and compatibility
/// forms removed, e.g. "É" -> "e", "ß" -> "ss", "ﬁ" -> "fi") or " x " for characters of scripts written without
/// spaces (Han, kana, Hangul syllables, Thai...) so that each one is a word of its own.
/// </summary>
internal static class CharFolding
{
    private const string Separator = " ";
    private const string Dropped = "";

    /// <summary>ASCII folds: lower-case letter, digit, or ' ' for a separator.</summary>
    private static readonly char[] s_ascii = BuildAsciiTable();

    /// <summary>Lazily computed folds of non-ASCII BMP characters (benign races: every thread computes the same value).</summary>
    private static readonly string?[] s_bmp = new string?[char.MaxValue + 1];

    /// <summary>The fold of an ASCII char: a lower-case letter or digit, or ' '.</summary>
    public static char Ascii(char c) => s_ascii[c];

    /// <summary>The fold of a non-ASCII, non-surrogate char.</summary>
    public static string Bmp(char c) => s_bmp[c] ??= ComputeBmp(c);

    /// <summary>The fold of a supplementary-plane character (rare: computed each time).</summary>
    public static string Supplementary(Rune rune)
    {
        if (IsIsolatedScript(rune.Value))
        {
            return IsWordCategory(Rune.GetUnicodeCategory(rune)) ? string.Concat(Separator, rune.ToString(), Separator) : Separator;
        }

        UnicodeCategory category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return Dropped;
        }

        if (!IsWordCategory(category))
        {
            return Separator; // emoji, symbols, unassigned
        }

        var builder = new StringBuilder();
        foreach (Rune part in Decompose(rune.ToString()).EnumerateRunes())
        {
            if (part.IsBmp)
            {
                char c = (char)part.Value;
                builder.Append(c < 0x80 ? s_ascii[c] : Bmp(c));
            }
            else if (IsWordCategory(Rune.GetUnicodeCategory(part)))
            {
                builder.Append(Rune.ToLowerInvariant(part).ToString());
            }
            else
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private static char[] BuildAsciiTable()
    {
        var table = new char[128];
        for (int c = 0; c < table.Length; c++)
        {
            table[c] = char.IsAsciiLetterOrDigit((char)c) ? char.ToLowerInvariant((char)c) : ' ';
        }

        return table;
    }

    private static string ComputeBmp(char c)
    {
        if (char.IsSurrogate(c))
        {
            return Separator; // unpaired surrogate
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (IsIsolatedScript(c))
        {
            return IsWordCategory(category) || category is UnicodeCategory.NonSpacingMark
                ? string.Concat(Separator, c.ToString(), Separator)
                : Separator;
        }

        switch (category)
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                return Dropped;
            case UnicodeCategory.Format:
                return c == '\u200B' ? Separator : Dropped; // zero-width space separates; soft hyphen, joiners do not
            case UnicodeCategory.ModifierLetter when c == '\u02BC':
                return Separator; // modifier letter apostrophe, used as an apostrophe
            default:
                if (!IsWordCategory(category))
                {
                    return Separator; // punctuation, symbols (even "™", which decomposes to letters), whitespace
                }

                break;
        }

        var builder = new StringBuilder(4);
        foreach (char d in Decompose(c.ToString()))
        {
            AppendDecomposed(d, builder);
        }

        return builder.ToString();
    }

    private static void AppendDecomposed(char d, StringBuilder builder)
    {
        if (d < 0x80)
        {
            builder.Append(s_ascii[d]);
            return;
        }

        UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(d);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
        {
            return;
        }

        if (!IsWordCategory(category))
        {
            builder.Append(' ');
            return;
        }

        if (IsIsolatedScript(d))
        {
            builder.Append(' ').Append(d).Append(' ');
            return;
        }

        if (category == UnicodeCategory.DecimalDigitNumber && CharUnicodeInfo.GetDecimalDigitValue(d) is >= 0 and <= 9 and var digit)
        {
            builder.Append((char)('0' + digit)); // Arabic-Indic, Devanagari... digits
            return;
        }

        char lower = char.ToLowerInvariant(d);
        builder.Append(lower switch
        {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'ł' => "l",
            'đ' or 'ð' => "d",
            'þ' => "th",
            'ħ' => "h",
            'ŧ' => "t",
            'ı' => "i",
            'ς' => "σ",
            _ => lower.ToString(),
        });
    }

    private static string Decompose(string s)
    {
        try
        {
            return s.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return s; // not normalizable (should not happen for valid scalars): keep as is
        }
    }

    private static bool IsWordCategory(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Scripts written without spaces between words, matched character by character.</summary>
    private static bool IsIsolatedScript(int cp) => cp switch
    {
        >= 0x0E00 and <= 0x0EFF => true,   // Thai, Lao
        >= 0x1000 and <= 0x109F => true,   // Myanmar
        >= 0x1780 and <= 0x17FF => true,   // Khmer
        >= 0x2E80 and <= 0x2FDF => true,   // CJK radicals, Kangxi radicals
        >= 0x3005 and <= 0x3007 => true,   // 々 〆 〇
        >= 0x3021 and <= 0x3029 => true,   // Hangzhou numerals
        >= 0x3031 and <= 0x3035 => true,   // kana repeat marks
        >= 0x3040 and <= 0x30FF => true,   // Hiragana, Katakana
        >= 0x3100 and <= 0x31BF => true,   // Bopomofo, Hangul compatibility jamo, Kanbun
        >= 0x31F0 and <= 0x31FF => true,   // Katakana phonetic extensions
        >= 0x3400 and <= 0x4DBF => true,   // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true,   // CJK unified ideographs
        >= 0xA000 and <= 0xA4CF => true,   // Yi
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        >= 0x1B000 and <= 0x1B2FF => true, // kana supplement, Nushu
        >= 0x20000 and <= 0x3FFFF => true, // CJK extensions B and later
        _ => false,
    };
}
