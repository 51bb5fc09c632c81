using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// What comes before the root element of an XML document: declaration, comments, processing instructions, DOCTYPE.
/// Every DOCTYPE is removed before any XML reader sees the document, so no DTD is ever processed: no external entity
/// (XXE) is read, no entity is expanded (billion laughs).
/// </summary>
internal static partial class XmlProlog
{
    public const string Doctype = "<!DOCTYPE";

    private static readonly char[] s_leadingJunk = ['\uFEFF', ' ', '\t', '\r', '\n'];

    /// <summary>
    /// Drops a leading BOM and white space, the encoding of the XML declaration (the text is decoded already) and
    /// every DOCTYPE before the root element, keeping the plain-text entities its internal subset declared.
    /// </summary>
    public static PreparedXml Neutralize(string text)
    {
        text = text.TrimStart(s_leadingJunk);
        var doctypes = new List<Range>();
        FindRoot(text, doctypes);
        if (doctypes.Count == 0)
        {
            return new PreparedXml(WithoutEncoding(text), InternalEntities.None);
        }

        var kept = new StringBuilder(text.Length);
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = 0;
        foreach (var doctype in doctypes)
        {
            var (start, length) = doctype.GetOffsetAndLength(text.Length);
            kept.Append(text, from, start - from);
            InternalEntities.Collect(text.Substring(start, length), entities);
            from = start + length;
        }

        kept.Append(text, from, text.Length - from);
        return new PreparedXml(WithoutEncoding(kept.ToString()), entities);
    }

    /// <summary>Nothing but white space, comments, processing instructions and DOCTYPEs: a document without content.</summary>
    public static bool IsEmpty(string text) => Walk(text, doctypes: null, out var strayText) < 0 && !strayText;

    /// <summary>The document from its root element on (declaration, comments, instructions and stray text dropped).</summary>
    public static string FromRoot(string text)
    {
        var root = FindRoot(text, doctypes: null);
        return root <= 0 ? text : text[root..];
    }

    /// <summary>
    /// Index of the root element's <c>&lt;</c>, or -1 when there is none; skips the declaration, comments, processing
    /// instructions, DOCTYPEs (whose ranges are added to <paramref name="doctypes"/>) and stray text.
    /// </summary>
    public static int FindRoot(string text, List<Range>? doctypes) => Walk(text, doctypes, out _);

    private static int Walk(string text, List<Range>? doctypes, out bool strayText)
    {
        strayText = false;
        var i = 0;
        while (i < text.Length)
        {
            var lt = text.IndexOf('<', i);
            strayText |= !text.AsSpan(i, (lt < 0 ? text.Length : lt) - i).Trim('\uFEFF').IsWhiteSpace();
            if (lt < 0)
            {
                return -1;
            }

            var rest = text.AsSpan(lt);
            if (rest.StartsWith("<?", StringComparison.Ordinal))
            {
                i = After(text, lt, "?>");
            }
            else if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                i = After(text, lt, "-->");
            }
            else if (rest.StartsWith(Doctype, StringComparison.OrdinalIgnoreCase))
            {
                i = DoctypeEnd(text, lt + Doctype.Length);
                doctypes?.Add(lt..i);
            }
            else if (rest.Length > 1 && XmlNames.IsNameStart(rest[1]))
            {
                return lt;
            }
            else
            {
                strayText = true;
                i = lt + 1;
            }
        }

        return -1;
    }

    private static int After(string text, int start, string terminator)
    {
        var end = text.IndexOf(terminator, start, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + terminator.Length;
    }

    /// <summary>The index after the DOCTYPE's closing <c>&gt;</c>, skipping quoted strings, the internal subset and its comments.</summary>
    private static int DoctypeEnd(string text, int i)
    {
        var inSubset = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var close = text.IndexOf(c, i + 1);
                i = close < 0 ? text.Length : close + 1;
            }
            else if (inSubset && text.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                i = After(text, i, "-->");
            }
            else if (c == '[' || (c == ']' && inSubset))
            {
                inSubset = c == '[';
                i++;
            }
            else if (c == '>' && !inSubset)
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static string WithoutEncoding(string text)
    {
        if (!text.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return text;
        }

        var end = text.IndexOf("?>", StringComparison.Ordinal);
        return end < 0 ? text : EncodingAttribute().Replace(text[..end], string.Empty) + text[end..];
    }

    [GeneratedRegex("""\s+encoding\s*=\s*("[^"]*"|'[^']*')""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EncodingAttribute();
}
