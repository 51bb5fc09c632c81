using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// Turns the bytes of a feed into text. The encoding is, in this order: the byte-order mark; UTF-16/32 recognised by
/// the NUL bytes of its markup; the HTTP Content-Type charset (it wins over the XML declaration, RFC 7303); the XML
/// declaration's encoding; UTF-8. Whatever says UTF-8 but is not valid UTF-8 is read as windows-1252.
/// </summary>
/// <remarks>
/// The text goes into a pooled buffer (<see cref="DecodedText"/>), not a string: the parser keeps only the part of
/// it that an XML reader needs, copied once (<see cref="XmlProlog.Neutralize"/>).
/// </remarks>
internal static partial class FeedDecoder
{
    private const int DeclarationWindow = 1024;

    private static readonly Encoding s_windows1252 = CharsetLabels.Resolve("windows-1252")!;

    /// <summary>The decoded text, in a pooled buffer: dispose the result once read.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> body, string? contentType)
    {
        if (FromByteOrderMark(body, out var bomLength) is { } marked)
        {
            return Read(marked, body[bomLength..]); // a BOM is a promise: stray bytes become U+FFFD
        }

        var encoding = FromNulPattern(body)
            ?? Narrow(CharsetLabels.Resolve(CharsetOf(contentType)))
            ?? Narrow(CharsetLabels.Resolve(DeclaredEncoding(body)))
            ?? Encoding.UTF8;
        return encoding.CodePage == Encoding.UTF8.CodePage ? ReadUtf8(body) : Read(encoding, body);
    }

    /// <summary>A UTF-16/32 label on bytes without the NULs of such markup is wrong, and ignored.</summary>
    private static Encoding? Narrow(Encoding? encoding) => encoding is not null && CharsetLabels.IsWide(encoding) ? null : encoding;

    /// <summary>The <c>charset</c> parameter of a Content-Type header value, or null.</summary>
    private static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter.AsSpan(0, equals).Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                return parameter[(equals + 1)..];
            }
        }

        return null;
    }

    /// <summary>UTF-8, validated while it is decoded; bytes that are not valid UTF-8 are read again as windows-1252.</summary>
    private static DecodedText ReadUtf8(ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1)); // no UTF-8 sequence is longer in UTF-16 than in bytes
        if (Utf8.ToUtf16(bytes, buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return new DecodedText(buffer, written);
        }

        ArrayPool<char>.Shared.Return(buffer);
        return Read(s_windows1252, bytes);
    }

    private static DecodedText Read(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(encoding.GetMaxCharCount(bytes.Length), 1));
        return new DecodedText(buffer, encoding.GetChars(bytes, buffer));
    }

    private static Encoding? FromByteOrderMark(ReadOnlySpan<byte> body, out int length)
    {
        (Encoding? encoding, length) = body switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
            [0xFE, 0xFF, ..] => ((Encoding?)new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
            _ => (null, 0),
        };
        return encoding;
    }

    /// <summary>Markup characters are ASCII, so in UTF-16/32 the first character has NUL bytes beside it (XML 1.0 appendix F).</summary>
    private static Encoding? FromNulPattern(ReadOnlySpan<byte> body) => body switch
    {
        [0x00, 0x00, 0x00, not 0x00, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: false),
        [not 0x00, 0x00, 0x00, 0x00, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: false),
        [0x00, not 0x00, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
        [not 0x00, 0x00, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
        _ => null,
    };

    /// <summary>The encoding named by the XML declaration, looked for in the first bytes read as ASCII.</summary>
    private static string? DeclaredEncoding(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, DeclarationWindow)]);
        var match = Declaration().Match(head);
        return match.Success ? match.Groups["encoding"].Value : null;
    }

    [GeneratedRegex("""<\?xml\s[^>]*?\bencoding\s*=\s*["']?(?<encoding>[A-Za-z0-9._:-]+)""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Declaration();
}
