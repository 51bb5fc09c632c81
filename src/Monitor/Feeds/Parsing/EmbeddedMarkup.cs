using System.Xml.Linq;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// HTML pasted unescaped into an RSS element (<c>&lt;description&gt;&lt;p&gt;Hi&lt;/p&gt;&lt;/description&gt;</c>) is child
/// elements to an XML parser, and the feed reader keeps only their text, decoded once, so that an escaped
/// <c>&amp;lt;</c> in it would then read as the start of a tag. The element's inner markup, serialized again, is the
/// HTML the publisher meant.
/// </summary>
internal static class EmbeddedMarkup
{
    /// <summary>The inner markup of the item's child element <paramref name="localName"/> when it has child elements, else null.</summary>
    public static string? Of(XElement? item, string localName)
    {
        if (item is not { HasElements: true })
        {
            return null;
        }

        // The first child element of that name in the item's namespace, found without allocating (no LINQ, no iterator).
        for (var node = item.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is XElement element && element.Name.LocalName == localName && element.Name.Namespace == item.Name.Namespace)
            {
                return element.HasElements ? string.Concat(element.Nodes()) : null;
            }
        }

        return null;
    }
}
