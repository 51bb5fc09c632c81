using System.Xml.Linq;

namespace Monitor.Feeds.Parsing;

/// <summary>The base URI <c>xml:base</c> attributes set for an element (on it and its ancestors, outermost first).</summary>
internal static class XmlBase
{
    private static readonly XName s_base = XNamespace.Xml + "base";

    /// <summary>The base URI in effect at <paramref name="element"/>, resolved from the document URL; null when no xml:base applies.</summary>
    public static Uri? Of(XElement? element, Uri documentUrl)
    {
        var bases = element?.AncestorsAndSelf().Select(e => e.Attribute(s_base)?.Value).OfType<string>().Reverse().ToList();
        if (bases is not { Count: > 0 })
        {
            return null;
        }

        var current = documentUrl;
        foreach (var value in bases)
        {
            if (Uri.TryCreate(current, value.Trim(), out var next))
            {
                current = next;
            }
        }

        return current;
    }
}
