using System.Text;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// Turns a charset label (HTTP <c>charset=</c> or XML <c>encoding=</c>) into an <see cref="Encoding"/>, the way browsers
/// and feed readers read them: legacy code pages through <see cref="CodePagesEncodingProvider"/>, Latin-1 labels as
/// windows-1252 (its superset, and what such documents really are), ASCII as UTF-8 (its superset: a document with
/// bytes above 127 is not ASCII whatever it says), GB2312/GBK as GB18030.
/// </summary>
internal static class CharsetLabels
{
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "utf-8",
        ["unicode-1-1-utf-8"] = "utf-8",
        ["u16"] = "utf-16",
        ["utf16"] = "utf-16",
        ["ucs-2"] = "utf-16",
        ["utf16le"] = "utf-16le",
        ["utf16be"] = "utf-16be",
        ["u32"] = "utf-32",
        ["utf32"] = "utf-32",
        ["ucs-4"] = "utf-32",
        ["utf32le"] = "utf-32le",
        ["utf32be"] = "utf-32be",
        ["us-ascii"] = "utf-8",
        ["ascii"] = "utf-8",
        ["iso-8859-1"] = "windows-1252",
        ["iso8859-1"] = "windows-1252",
        ["latin1"] = "windows-1252",
        ["latin-1"] = "windows-1252",
        ["l1"] = "windows-1252",
        ["cp1252"] = "windows-1252",
        ["gb2312"] = "gb18030",
        ["gbk"] = "gb18030",
        ["x-gbk"] = "gb18030",
        ["cp936"] = "gb18030",
        ["euc-cn"] = "gb18030",
        ["big5-hkscs"] = "big5",
        ["shift-jis"] = "shift_jis",
        ["sjis"] = "shift_jis",
        ["x-sjis"] = "shift_jis",
        ["ms_kanji"] = "shift_jis",
        ["euc-kr"] = "ks_c_5601-1987",
        ["ks-c-5601-1987"] = "ks_c_5601-1987",
        ["cp949"] = "ks_c_5601-1987",
        ["tis-620"] = "windows-874",
        ["iso-8859-11"] = "windows-874",
    };

    static CharsetLabels() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding a label names, or null when the label is empty, malformed or unknown.</summary>
    public static Encoding? Resolve(string? label)
    {
        var name = label?.Trim().Trim('"', '\'').Trim().Replace('_', '-');
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (s_aliases.TryGetValue(name, out var alias) || s_aliases.TryGetValue(name.Replace("-", string.Empty, StringComparison.Ordinal), out alias))
        {
            name = alias;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>UTF-16 or UTF-32: a document in them has NUL bytes in its markup, which byte sniffing sees first.</summary>
    public static bool IsWide(Encoding encoding) => encoding.CodePage is 1200 or 1201 or 12000 or 12001;
}
