using System.Buffers;

namespace Monitor.Core.Text;

/// <summary>HTML to the plain text a reader sees.</summary>
/// <remarks>
/// A single forward pass, no regular expressions, no DOM: tags are dropped, the content of
/// script/style/head/template/noscript/iframe/svg is dropped, block-level tags separate words while inline ones
/// (b, i, span, a...) do not, comments are removed, CDATA markers are removed (their content is read as HTML),
/// character references are decoded and whitespace runs become one space. A '&lt;' that does not start
/// markup (not followed by a letter, '/', '!' or '?', or never closed by '&gt;') is kept as text. Never throws.
/// </remarks>
public static class HtmlText
{
    private const string CommentOpen = "<!--";
    private const string CDataOpen = "<![CDATA[";
    private const string CDataClose = "]]>";

    private static readonly SearchValues<char> s_markup = SearchValues.Create("<&");
    private static readonly SearchValues<char> s_tagEndOrQuote = SearchValues.Create(">\"'");
    private static readonly SearchValues<char> s_whitespaceButSpace = SearchValues.Create(AllWhitespace().Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Strips tags (dropping script/style/head content), decodes entities, collapses whitespace. Null gives "".</summary>
    public static string ToPlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        if (html.AsSpan().IndexOfAny(s_markup) < 0)
        {
            return CollapseWhitespace(html);
        }

        var builder = new PooledCharBuilder(html.Length + 16);
        try
        {
            AppendHtml(html, ref builder);
            if (builder.Last == ' ')
            {
                builder.Length--;
            }

            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>Collapses every whitespace run to one space and trims; returns <paramref name="text"/> itself when already clean.</summary>
    internal static string CollapseWhitespace(string text)
    {
        if (!NeedsCollapsing(text))
        {
            return text;
        }

        var builder = new PooledCharBuilder(text.Length);
        try
        {
            AppendText(text, ref builder);
            if (builder.Last == ' ')
            {
                builder.Length--;
            }

            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    private static bool NeedsCollapsing(ReadOnlySpan<char> text) =>
        !text.IsEmpty
        && (text[0] == ' ' || text[^1] == ' '
            || text.IndexOfAny(s_whitespaceButSpace) >= 0
            || text.IndexOf("  ", StringComparison.Ordinal) >= 0);

    private static void AppendHtml(ReadOnlySpan<char> html, ref PooledCharBuilder builder)
    {
        Span<char> scratch = stackalloc char[2];
        int lastTagEnd = html.LastIndexOf('>');
        int cdataClose = -1;      // index of the "]]>" closing the CDATA section we are in, if any
        int noCDataCloseFrom = int.MaxValue; // no "]]>" exists at or after this index
        int i = 0;
        while (i < html.Length)
        {
            if (cdataClose >= 0 && i > cdataClose)
            {
                cdataClose = -1; // a tag swallowed the marker: forget it
            }

            int limit = cdataClose >= 0 ? cdataClose : html.Length;
            int rel = html[i..limit].IndexOfAny(s_markup);
            if (rel < 0)
            {
                AppendText(html[i..limit], ref builder);
                if (cdataClose >= 0)
                {
                    i = cdataClose + CDataClose.Length;
                    cdataClose = -1;
                    continue;
                }

                return;
            }

            int at = i + rel;
            AppendText(html[i..at], ref builder);
            if (html[at] == '&')
            {
                if (HtmlEntities.TryDecode(html, at, scratch, out ReadOnlySpan<char> decoded, out int next))
                {
                    AppendText(decoded, ref builder);
                    i = next;
                }
                else
                {
                    builder.Append('&');
                    i = at + 1;
                }

                continue;
            }

            // '<'
            if (at + 1 < html.Length && html[at + 1] == '!' && html[at..].StartsWith(CDataOpen, StringComparison.Ordinal))
            {
                i = at + CDataOpen.Length;
                if (i < noCDataCloseFrom)
                {
                    int close = html[i..].IndexOf(CDataClose, StringComparison.Ordinal);
                    if (close >= 0)
                    {
                        cdataClose = i + close;
                    }
                    else
                    {
                        noCDataCloseFrom = i;
                    }
                }

                continue;
            }

            i = SkipMarkup(html, at, lastTagEnd, ref builder);
        }
    }

    /// <summary>Handles the '&lt;' at <paramref name="at"/>; returns the index to continue from.</summary>
    private static int SkipMarkup(ReadOnlySpan<char> html, int at, int lastTagEnd, ref PooledCharBuilder builder)
    {
        int n = at + 1;
        char c = n < html.Length ? html[n] : '\0';
        if (c == '!' && html[at..].StartsWith(CommentOpen, StringComparison.Ordinal))
        {
            return SkipComment(html, at + CommentOpen.Length);
        }

        bool isEndTag = c == '/' && n + 1 < html.Length && char.IsAsciiLetter(html[n + 1]);
        bool isStartTag = char.IsAsciiLetter(c);
        bool isOther = c is '!' or '?';
        if ((!isEndTag && !isStartTag && !isOther) || at > lastTagEnd)
        {
            builder.Append('<'); // not markup: a literal '<' ("a < b", "x<3", or never closed)
            return at + 1;
        }

        if (isOther)
        {
            return html[n..].IndexOf('>') + n + 1; // <!DOCTYPE ...>, <?xml ...?>; a '>' exists (lastTagEnd)
        }

        int nameStart = isEndTag ? n + 1 : n;
        int nameEnd = nameStart;
        while (nameEnd < html.Length && html[nameEnd] is not ('>' or '/') && !char.IsWhiteSpace(html[nameEnd]))
        {
            nameEnd++;
        }

        int tagEnd = FindTagEnd(html, nameEnd);
        ReadOnlySpan<char> name = html[nameStart..nameEnd];
        HtmlTagKind kind = HtmlTagNames.Classify(name);
        if (kind != HtmlTagKind.Inline)
        {
            Separate(ref builder);
        }

        if (kind == HtmlTagKind.Hidden && !isEndTag && html[tagEnd - 1] != '/')
        {
            return SkipHiddenContent(html, tagEnd + 1, HtmlTagNames.EndTagPrefix(name));
        }

        return tagEnd + 1;
    }

    /// <summary>Index of the '&gt;' ending a tag, skipping quoted attribute values. A '&gt;' must exist after <paramref name="from"/>.</summary>
    private static int FindTagEnd(ReadOnlySpan<char> html, int from)
    {
        int i = from;
        while (true)
        {
            int rel = html[i..].IndexOfAny(s_tagEndOrQuote);
            if (rel < 0)
            {
                break;
            }

            int k = i + rel;
            char c = html[k];
            if (c == '>')
            {
                return k;
            }

            if (!FollowsEquals(html, from, k))
            {
                i = k + 1;
                continue;
            }

            int close = html[(k + 1)..].IndexOf(c);
            if (close < 0)
            {
                break; // unclosed quoted value
            }

            i = k + 1 + close + 1;
        }

        return html[from..].IndexOf('>') + from;
    }

    private static bool FollowsEquals(ReadOnlySpan<char> html, int from, int quote)
    {
        int j = quote - 1;
        while (j >= from && char.IsWhiteSpace(html[j]))
        {
            j--;
        }

        return j >= from && html[j] == '=';
    }

    private static int SkipComment(ReadOnlySpan<char> html, int contentStart)
    {
        ReadOnlySpan<char> rest = html[contentStart..];
        if (rest.StartsWith('>'))
        {
            return contentStart + 1; // "<!-->"
        }

        if (rest.StartsWith("->", StringComparison.Ordinal))
        {
            return contentStart + 2; // "<!--->"
        }

        int close = rest.IndexOf("-->", StringComparison.Ordinal);
        return close < 0 ? html.Length : contentStart + close + 3; // an unclosed comment runs to the end
    }

    private static int SkipHiddenContent(ReadOnlySpan<char> html, int contentStart, string endTagPrefix)
    {
        int i = contentStart;
        while (i < html.Length)
        {
            int rel = html[i..].IndexOf(endTagPrefix, StringComparison.OrdinalIgnoreCase);
            if (rel < 0)
            {
                break;
            }

            int after = i + rel + endTagPrefix.Length;
            if (after >= html.Length || html[after] == '>' || html[after] == '/' || char.IsWhiteSpace(html[after]))
            {
                int gt = html[after..].IndexOf('>');
                return gt < 0 ? html.Length : after + gt + 1;
            }

            i = after; // e.g. "</scripts": not our end tag
        }

        return html.Length; // never closed: the rest is hidden, as in a browser
    }

    /// <summary>Appends text, turning each whitespace run into one space (none at the start).</summary>
    private static void AppendText(scoped ReadOnlySpan<char> text, ref PooledCharBuilder builder)
    {
        if (text.IsEmpty)
        {
            return;
        }

        bool atSpace = builder.Length == 0 || builder.Last == ' ';
        Span<char> destination = builder.GetAppendSpan(text.Length);
        int written = 0;
        foreach (char c in text)
        {
            if ((c > ' ' && c < '\u0085') || !char.IsWhiteSpace(c))
            {
                destination[written++] = c;
                atSpace = false;
            }
            else if (!atSpace)
            {
                destination[written++] = ' ';
                atSpace = true;
            }
        }

        builder.Advance(written);
    }

    private static void Separate(ref PooledCharBuilder builder)
    {
        if (builder.Length > 0 && builder.Last != ' ')
        {
            builder.Append(' ');
        }
    }

    private static string AllWhitespace()
    {
        var chars = new List<char>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsWhiteSpace((char)c))
            {
                chars.Add((char)c);
            }
        }

        return new string([.. chars]);
    }
}
