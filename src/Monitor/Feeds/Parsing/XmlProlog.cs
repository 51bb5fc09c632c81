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

    private const string LeadingJunk = "\uFEFF \t\r\n";
    private const string XmlWhiteSpace = " \t\r\n";

    /// <summary>
    /// Drops a leading BOM and white space, the encoding of the XML declaration (the text is decoded already) and
    /// every DOCTYPE before the root element, keeping the plain-text entities its internal subset declared; the white
    /// space that ends the document is set apart (<see cref="PreparedXml.TrailingWhiteSpace"/>). The pieces kept are
    /// copied once, into the one string the XML readers and the feed reader then share.
    /// </summary>
    public static PreparedXml Neutralize(ReadOnlySpan<char> text)
    {
        text = text.TrimStart(LeadingJunk);

        // What goes, in document order: the declaration's encoding attributes, then the DOCTYPEs (the walk skips the
        // declaration up to its first "?>", so every DOCTYPE comes after it).
        var removed = new List<Range>();
        var declarationEnd = text.StartsWith("<?xml", StringComparison.Ordinal) ? text.IndexOf("?>", StringComparison.Ordinal) : -1;
        if (declarationEnd >= 0)
        {
            foreach (var match in EncodingAttribute().EnumerateMatches(text[..declarationEnd]))
            {
                removed.Add(match.Index..(match.Index + match.Length));
            }
        }

        var encodingAttributes = removed.Count;
        FindRoot(text, removed);
        var entities = InternalEntities.None;
        if (removed.Count > encodingAttributes)
        {
            var declared = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = encodingAttributes; i < removed.Count; i++)
            {
                InternalEntities.Collect(text[removed[i]].ToString(), declared);
            }

            entities = declared;
        }

        var kept = Kept(text.Length, removed, out var length);
        var trailing = TrailingWhiteSpace(text, kept);
        return new PreparedXml(
            Concat(text, kept, 0, length - trailing),
            entities,
            trailing == 0 ? string.Empty : Concat(text, kept, length - trailing, trailing));
    }

    /// <summary>Nothing but white space, comments, processing instructions and DOCTYPEs: a document without content.</summary>
    public static bool IsEmpty(ReadOnlySpan<char> text) => Walk(text, doctypes: null, out var strayText) < 0 && !strayText;

    /// <summary>The document from its root element on (declaration, comments, instructions and stray text dropped), followed by <paramref name="trailing"/>.</summary>
    public static string FromRoot(string text, string trailing)
    {
        var root = FindRoot(text, doctypes: null);
        return root <= 0 ? string.Concat(text, trailing) : string.Concat(text.AsSpan(root), trailing);
    }

    /// <summary>
    /// Index of the root element's <c>&lt;</c>, or -1 when there is none; skips the declaration, comments, processing
    /// instructions, DOCTYPEs (whose ranges are added to <paramref name="doctypes"/>) and stray text.
    /// </summary>
    public static int FindRoot(ReadOnlySpan<char> text, List<Range>? doctypes) => Walk(text, doctypes, out _);

    private static int Walk(ReadOnlySpan<char> text, List<Range>? doctypes, out bool strayText)
    {
        strayText = false;
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOf('<');
            var lt = next < 0 ? -1 : i + next;
            strayText |= !text[i..(lt < 0 ? text.Length : lt)].Trim('\uFEFF').IsWhiteSpace();
            if (lt < 0)
            {
                return -1;
            }

            var rest = text[lt..];
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

    private static int After(ReadOnlySpan<char> text, int start, string terminator)
    {
        var end = text[start..].IndexOf(terminator, StringComparison.Ordinal);
        return end < 0 ? text.Length : start + end + terminator.Length;
    }

    /// <summary>The index after the DOCTYPE's closing <c>&gt;</c>, skipping quoted strings, the internal subset and its comments.</summary>
    private static int DoctypeEnd(ReadOnlySpan<char> text, int i)
    {
        var inSubset = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var close = text[(i + 1)..].IndexOf(c);
                i = close < 0 ? text.Length : i + 1 + close + 1;
            }
            else if (inSubset && text[i..].StartsWith("<!--", StringComparison.Ordinal))
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

    /// <summary>The pieces of a text of <paramref name="length"/> characters between the <paramref name="removed"/> ranges (in order, not overlapping), and their total length.</summary>
    private static List<Range> Kept(int length, List<Range> removed, out int keptLength)
    {
        var kept = new List<Range>(removed.Count + 1);
        keptLength = 0;
        var from = 0;
        foreach (var range in removed)
        {
            var (start, removedLength) = range.GetOffsetAndLength(length);
            if (start > from)
            {
                kept.Add(from..start);
                keptLength += start - from;
            }

            from = start + removedLength;
        }

        if (from < length)
        {
            kept.Add(from..length);
            keptLength += length - from;
        }

        return kept;
    }

    /// <summary>How many XML white-space characters end the pieces put together.</summary>
    private static int TrailingWhiteSpace(ReadOnlySpan<char> text, List<Range> pieces)
    {
        var count = 0;
        for (var i = pieces.Count - 1; i >= 0; i--)
        {
            var piece = text[pieces[i]];
            var content = piece.TrimEnd(XmlWhiteSpace).Length;
            count += piece.Length - content;
            if (content > 0)
            {
                break;
            }
        }

        return count;
    }

    /// <summary><paramref name="count"/> characters of the pieces put together, from <paramref name="skip"/> on, in a new string.</summary>
    private static string Concat(ReadOnlySpan<char> text, List<Range> pieces, int skip, int count)
    {
        if (count == 0)
        {
            return string.Empty;
        }

        return string.Create(count, new Pieces(text, pieces, skip), static (destination, source) =>
        {
            var skip = source.Skip;
            foreach (var range in source.Ranges)
            {
                var piece = source.Text[range];
                if (skip >= piece.Length)
                {
                    skip -= piece.Length;
                    continue;
                }

                piece = piece[skip..];
                skip = 0;
                var take = Math.Min(piece.Length, destination.Length);
                piece[..take].CopyTo(destination);
                destination = destination[take..];
                if (destination.IsEmpty)
                {
                    return;
                }
            }
        });
    }

    private readonly ref struct Pieces(ReadOnlySpan<char> text, List<Range> ranges, int skip)
    {
        public ReadOnlySpan<char> Text { get; } = text;

        public List<Range> Ranges { get; } = ranges;

        public int Skip { get; } = skip;
    }

    [GeneratedRegex("""\s+encoding\s*=\s*("[^"]*"|'[^']*')""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EncodingAttribute();
}
