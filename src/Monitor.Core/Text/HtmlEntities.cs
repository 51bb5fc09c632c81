using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Monitor.Core.Text;

/// <summary>Decodes one HTML character reference (named, decimal or hex) without allocating on the hot path.</summary>
internal static class HtmlEntities
{
    private const int MaxNameLength = 32;
    private const int MaxCodePoint = 0x10FFFF;

    /// <summary>Numeric references 0x80-0x9F mean Windows-1252 characters (HTML spec).</summary>
    private static readonly char[] s_windows1252 =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>Named references seen so far and known to <see cref="WebUtility.HtmlDecode(string)"/> (bounded by its table).</summary>
    private static readonly ConcurrentDictionary<string, string> s_named = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_namedBySpan =
        s_named.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Tries to decode the reference starting at <paramref name="ampersand"/> (which holds '&amp;').
    /// On success <paramref name="decoded"/> holds the text and <paramref name="next"/> the index after the reference.
    /// </summary>
    /// <remarks><paramref name="scratch"/> (at least 2 chars) receives numeric references, so decoding never allocates.</remarks>
    public static bool TryDecode(ReadOnlySpan<char> text, int ampersand, Span<char> scratch, out ReadOnlySpan<char> decoded, out int next)
    {
        decoded = default;
        next = ampersand + 1;
        int p = ampersand + 1;
        if (p >= text.Length)
        {
            return false;
        }

        return text[p] == '#'
            ? TryDecodeNumeric(text, p + 1, scratch, out decoded, out next)
            : TryDecodeNamed(text, p, out decoded, out next);
    }

    private static bool TryDecodeNumeric(ReadOnlySpan<char> text, int p, Span<char> scratch, out ReadOnlySpan<char> decoded, out int next)
    {
        decoded = default;
        next = p;
        bool hex = p < text.Length && (text[p] | 0x20) == 'x';
        if (hex)
        {
            p++;
        }

        int start = p;
        long value = 0;
        while (p < text.Length)
        {
            char c = text[p];
            int digit;
            if (char.IsAsciiDigit(c))
            {
                digit = c - '0';
            }
            else if (hex && char.IsAsciiHexDigit(c))
            {
                digit = (c | 0x20) - 'a' + 10;
            }
            else
            {
                break;
            }

            if (value <= MaxCodePoint)
            {
                value = (value * (hex ? 16 : 10)) + digit;
            }

            p++;
        }

        if (p == start)
        {
            return false;
        }

        if (p < text.Length && text[p] == ';')
        {
            p++;
        }

        next = p;
        decoded = FromCodePoint(value, scratch);
        return true;
    }

    private static ReadOnlySpan<char> FromCodePoint(long value, Span<char> scratch)
    {
        if (value is >= 0x80 and <= 0x9F)
        {
            return new ReadOnlySpan<char>(in s_windows1252[(int)value - 0x80]);
        }

        if (value == 0 || value > MaxCodePoint || value is >= 0xD800 and <= 0xDFFF)
        {
            return "\uFFFD";
        }

        int written = new Rune((int)value).EncodeToUtf16(scratch);
        return scratch[..written];
    }

    private static bool TryDecodeNamed(ReadOnlySpan<char> text, int p, out ReadOnlySpan<char> decoded, out int next)
    {
        decoded = default;
        next = p;
        int start = p;
        int limit = Math.Min(text.Length, start + MaxNameLength);
        while (p < limit && char.IsAsciiLetterOrDigit(text[p]))
        {
            p++;
        }

        if (p == start || p >= text.Length || text[p] != ';')
        {
            return false;
        }

        ReadOnlySpan<char> name = text[start..p];
        if (!s_namedBySpan.TryGetValue(name, out string? value))
        {
            string nameString = name.ToString();
            string reference = string.Concat("&", nameString, ";");
            string result = WebUtility.HtmlDecode(reference);
            if (string.Equals(result, reference, StringComparison.Ordinal))
            {
                return false;
            }

            value = s_named.GetOrAdd(nameString, result);
        }

        decoded = value;
        next = p + 1;
        return true;
    }
}
