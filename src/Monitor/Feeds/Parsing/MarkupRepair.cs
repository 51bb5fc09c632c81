using System.Globalization;
using System.Net;
using System.Security;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// The markup part of the cleaning pass, in one scan outside CDATA sections: a bare <c>&amp;</c> is escaped; an HTML
/// named entity XML does not define (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>, ...) becomes a numeric reference; an
/// entity the removed DOCTYPE declared as plain text is substituted once (within a budget); an unknown entity is kept
/// as literal text; a character reference to a character XML forbids is dropped; a <c>&lt;</c> that starts no markup
/// is escaped; an HTML void element pasted in unescaped (<c>&lt;br&gt;</c>) is made empty; comments and processing
/// instructions are dropped; a CDATA section left open is closed before the end tag of the element it opened in.
/// </summary>
internal static class MarkupRepair
{
    private const int MaxEntityNameLength = 32;
    private const int MaxDigits = 8;
    private const string CDataStart = "<![CDATA[";
    private const string CDataEnd = "]]>";

    /// <summary>Characters declared entities may add to one document, all substitutions together.</summary>
    private const int EntityBudget = 1 << 20;

    /// <summary>HTML elements that have no end tag, pasted into feeds unescaped (not <c>link</c> or <c>source</c>: RSS elements).</summary>
    private static readonly HashSet<string> s_htmlVoidElements = new(["area", "br", "col", "embed", "hr", "img", "input", "param", "track", "wbr"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_htmlVoidElementNames = s_htmlVoidElements.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Repair(string text, IReadOnlyDictionary<string, string> entities)
    {
        using var scan = new Scan(text, entities);
        scan.Run();
        return scan.Output.ToString();
    }

    /// <remarks>Names are read in place (as spans) and the output goes to a pooled buffer: the repaired string is the one copy made.</remarks>
    private sealed class Scan(string text, IReadOnlyDictionary<string, string> entities) : IDisposable
    {
        private int _budget = EntityBudget;
        private Range? _openElement; // the name of the last element opened, in text

        public PooledTextBuilder Output { get; } = new(text.Length + 256);

        public void Dispose() => Output.Dispose();

        public void Run()
        {
            var i = 0;
            while (i < text.Length)
            {
                var plain = text.AsSpan(i).IndexOfAny('&', '<'); // text up to the next reference or markup is copied as it is
                if (plain != 0)
                {
                    var length = plain < 0 ? text.Length - i : plain;
                    Output.Append(text, i, length);
                    i += length;
                    continue;
                }

                i = text[i] == '&' ? Reference(i) : Markup(i);
            }
        }

        private int Copy(char c, int i)
        {
            Output.Append(c);
            return i + 1;
        }

        private int Markup(int i)
        {
            var rest = text.AsSpan(i);
            if (rest.StartsWith(CDataStart, StringComparison.Ordinal))
            {
                return CData(i);
            }

            if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                return Skip(i, "-->");
            }

            if (rest.StartsWith("<?", StringComparison.Ordinal))
            {
                return Skip(i, "?>");
            }

            if (rest.Length > 1 && (rest[1] == '/' || XmlNames.IsNameStart(rest[1])))
            {
                return Tag(i);
            }

            Output.Append("&lt;");
            return i + 1;
        }

        private int Skip(int i, string terminator)
        {
            var end = text.IndexOf(terminator, i, StringComparison.Ordinal);
            return end < 0 ? text.Length : end + terminator.Length;
        }

        /// <summary>A CDATA section, copied; one left open (no <c>]]&gt;</c> before the next section) is closed. Searches stop at the next section, so hostile input costs linear time.</summary>
        private int CData(int i)
        {
            var content = i + CDataStart.Length;
            var next = text.IndexOf(CDataStart, content, StringComparison.Ordinal);
            var limit = next < 0 ? text.Length : next;
            var close = text.IndexOf(CDataEnd, content, limit - content, StringComparison.Ordinal);
            if (close >= 0)
            {
                Output.Append(text, i, close + CDataEnd.Length - i);
                return close + CDataEnd.Length;
            }

            var end = _openElement is not { } open ? -1 : text.IndexOf("</" + text[open], content, limit - content, StringComparison.Ordinal);
            end = end < 0 ? limit : end;
            Output.Append(text, i, end - i).Append(CDataEnd);
            return end;
        }

        /// <summary>A start or end tag: copied, with references and <c>&lt;</c> repaired inside quoted attribute values.</summary>
        private int Tag(int i)
        {
            var isEnd = text[i + 1] == '/';
            var j = isEnd ? i + 2 : i + 1;
            var nameStart = j;
            j = XmlNames.EndOfName(text, j);
            var name = nameStart..j;
            Output.Append(text, i, j - i);
            var quote = '\0';
            while (j < text.Length)
            {
                var c = text[j];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                    j = c == '&' ? Reference(j) : c == '<' ? Escaped(j) : Copy(c, j);
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                    j = Copy(c, j);
                }
                else if (c == '<')
                {
                    return j; // the tag never closes; the XML reader will stop here
                }
                else if (c == '>')
                {
                    return isEnd || text[j - 1] == '/' ? Copy(c, j) : StartTagEnd(name, j);
                }
                else
                {
                    j = Copy(c, j);
                }
            }

            return j;
        }

        /// <summary>The <c>&gt;</c> of a start tag: an HTML void element (<c>&lt;br&gt;</c>, <c>&lt;img ...&gt;</c>) never closed is made empty.</summary>
        private int StartTagEnd(Range name, int i)
        {
            if (s_htmlVoidElementNames.Contains(text.AsSpan(name)) && !IsEndTag(text.AsSpan(i + 1).TrimStart(), text.AsSpan(name)))
            {
                Output.Append('/');
            }
            else
            {
                _openElement = name;
            }

            return Copy('>', i);
        }

        /// <summary>Whether <paramref name="rest"/> starts with the end tag of <paramref name="name"/> (<c>&lt;/name</c>).</summary>
        private static bool IsEndTag(ReadOnlySpan<char> rest, ReadOnlySpan<char> name) =>
            rest.StartsWith("</", StringComparison.Ordinal) && rest[2..].StartsWith(name, StringComparison.Ordinal);

        private int Escaped(int i)
        {
            Output.Append("&lt;");
            return i + 1;
        }

        private int Reference(int i)
        {
            var j = i + 1;
            if (j < text.Length && text[j] == '#')
            {
                return CharacterReference(i, j + 1);
            }

            while (j < text.Length && j - i <= MaxEntityNameLength && (char.IsAsciiLetterOrDigit(text[j]) || text[j] is '_' or '-' or '.'))
            {
                j++;
            }

            if (j == i + 1 || j >= text.Length || text[j] != ';')
            {
                Output.Append("&amp;");
                return i + 1;
            }

            var name = text.AsSpan((i + 1)..j);
            if (name is "amp" or "lt" or "gt" or "quot" or "apos")
            {
                Output.Append(text, i, j + 1 - i);
            }
            else if (entities.Count > 0 && entities.TryGetValue(name.ToString(), out var value) && value.Length <= _budget)
            {
                _budget -= value.Length;
                Output.Append(SecurityElement.Escape(value));
            }
            else if (WebUtility.HtmlDecode(text[i..(j + 1)]) is var decoded && decoded.Length < j + 1 - i)
            {
                foreach (var rune in decoded.EnumerateRunes())
                {
                    AppendCharacterReference(rune.Value);
                }
            }
            else
            {
                Output.Append("&amp;");
                return i + 1;
            }

            return j + 1;
        }

        /// <summary><c>&amp;#NNN;</c> or <c>&amp;#xHHH;</c> (the semicolon may be missing): kept when XML allows the character, else dropped.</summary>
        private int CharacterReference(int ampersand, int j)
        {
            var hex = j < text.Length && (text[j] | 0x20) == 'x';
            var digits = hex ? j + 1 : j;
            var end = digits;
            while (end < text.Length && end - digits < MaxDigits && (hex ? char.IsAsciiHexDigit(text[end]) : char.IsAsciiDigit(text[end])))
            {
                end++;
            }

            if (end == digits)
            {
                Output.Append("&amp;");
                return ampersand + 1;
            }

            var value = int.Parse(text.AsSpan(digits, end - digits), hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture);
            if (XmlCharacters.IsAllowed(value))
            {
                AppendCharacterReference(value);
            }

            return end < text.Length && text[end] == ';' ? end + 1 : end;
        }

        private void AppendCharacterReference(int codePoint) =>
            Output.Append("&#").Append(codePoint).Append(';');
    }
}
