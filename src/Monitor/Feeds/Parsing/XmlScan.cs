using System.Xml;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// One streaming pass of a strict XML reader (DTDs prohibited, no resolver) over a document before the feed parser
/// builds its tree: it checks well-formedness, cuts the document after the allowed number of items (so a feed with
/// 100,000 items costs little more than one with a thousand) and remembers the last point, outside any item, where
/// every element before is complete, so that a truncated or broken document can be closed there and keep its
/// complete items. The text is not copied unless it is cut.
/// </summary>
internal static class XmlScan
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <param name="xml">The document.</param>
    /// <param name="trailingWhiteSpace">White space read after it (<see cref="PreparedXml.TrailingWhiteSpace"/>), and not part of the result.</param>
    /// <param name="maxItems">Items kept.</param>
    /// <param name="salvage">Whether a document that is not well-formed is closed after its last complete element (else only the error is returned).</param>
    public static XmlScanResult Run(string xml, string trailingWhiteSpace, int maxItems, bool salvage)
    {
        var outline = new Outline();
        using var reader = XmlReader.Create(trailingWhiteSpace.Length == 0 ? new StringReader(xml) : new SuffixedReader(xml, trailingWhiteSpace), s_settings);
        var position = (IXmlLineInfo)reader;
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement)
                {
                    outline.Start(reader.Name, reader.LocalName);
                }
                else if (reader.NodeType is XmlNodeType.Element or XmlNodeType.EndElement
                    && outline.End(reader.NodeType == XmlNodeType.EndElement, reader.LocalName, position) >= maxItems)
                {
                    return new XmlScanResult(Close(xml, outline.Last!.Value), null);
                }
            }

            return new XmlScanResult(xml, null);
        }
        catch (XmlException ex)
        {
            return new XmlScanResult(salvage && outline.Last is { } at ? Close(xml, at) : null, ex);
        }
    }

    /// <summary>The document up to the tag at the checkpoint, followed by end tags for the elements still open there.</summary>
    private static string Close(string xml, Checkpoint at)
    {
        var kept = TagEnd(xml, Offset(xml, at.Line, at.Position)) + 1;
        var length = kept;
        foreach (var name in at.Open)
        {
            length += name.Length + 3;
        }

        return string.Create(length, (Xml: xml, Kept: kept, at.Open), static (closed, state) =>
        {
            state.Xml.AsSpan(0, state.Kept).CopyTo(closed);
            closed = closed[state.Kept..];
            for (var i = state.Open.Length - 1; i >= 0; i--)
            {
                var name = state.Open[i];
                "</".CopyTo(closed);
                name.CopyTo(closed[2..]);
                closed[name.Length + 2] = '>';
                closed = closed[(name.Length + 3)..];
            }
        });
    }

    /// <summary>The index of a 1-based line and position as <see cref="IXmlLineInfo"/> counts them (CR, LF and CRLF end a line).</summary>
    private static int Offset(string xml, int line, int position)
    {
        var index = 0;
        for (var current = 1; current < line; current++)
        {
            index += xml.AsSpan(index).IndexOfAny('\r', '\n');
            index += xml[index] == '\r' && index + 1 < xml.Length && xml[index + 1] == '\n' ? 2 : 1;
        }

        return index + position - 1;
    }

    /// <summary>The index of the <c>&gt;</c> ending the (well-formed) tag whose name starts at <paramref name="i"/>; quoted attribute values may hold a <c>&gt;</c>.</summary>
    private static int TagEnd(string xml, int i)
    {
        for (var quote = '\0'; i < xml.Length; i++)
        {
            var c = xml[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return xml.Length - 1;
    }

    /// <summary>Just after the end of an element outside items: line and position of its name, and the elements open there.</summary>
    private readonly record struct Checkpoint(int Line, int Position, string[] Open);

    /// <summary>The open elements, the items completed, and the last checkpoint.</summary>
    private sealed class Outline
    {
        private readonly List<string> _open = [];
        private string[]? _openArray; // _open as an array, shared by the checkpoints taken while it does not change
        private int _itemDepth; // depth of the item being read, 0 outside items
        private int _items;

        public Checkpoint? Last { get; private set; }

        public void Start(string name, string localName)
        {
            _open.Add(name);
            _openArray = null;
            if (_itemDepth == 0 && IsItem(localName))
            {
                _itemDepth = _open.Count;
            }
        }

        /// <summary>An end tag, or an empty element; returns the number of items completed so far.</summary>
        public int End(bool endTag, string localName, IXmlLineInfo position)
        {
            var endsItem = endTag ? _open.Count == _itemDepth : _itemDepth == 0 && IsItem(localName);
            if (endTag)
            {
                _open.RemoveAt(_open.Count - 1);
                _openArray = null;
            }

            if (endsItem)
            {
                _itemDepth = 0;
                _items++;
            }

            if (_itemDepth == 0)
            {
                Last = new Checkpoint(position.LineNumber, position.LinePosition, _openArray ??= [.. _open]);
            }

            return endsItem ? _items : 0;
        }

        private static bool IsItem(string localName) => localName is "item" or "entry";
    }

    /// <summary>A string and then another, read as one text.</summary>
    private sealed class SuffixedReader(string text, string suffix) : TextReader
    {
        private int _position;

        public override int Peek()
        {
            var rest = Rest();
            return rest.IsEmpty ? -1 : rest[0];
        }

        public override int Read()
        {
            var c = Peek();
            _position += c < 0 ? 0 : 1;
            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var rest = Rest();
            var count = Math.Min(rest.Length, buffer.Length);
            rest[..count].CopyTo(buffer);
            _position += count;
            return count;
        }

        /// <summary>What is left to read of the string being read (the text, then the suffix).</summary>
        private ReadOnlySpan<char> Rest() =>
            _position < text.Length ? text.AsSpan(_position) : suffix.AsSpan(Math.Min(_position - text.Length, suffix.Length));
    }
}
