using System.Xml.Linq;

namespace Monitor.Feeds.Parsing;

/// <summary>The base URI <c>xml:base</c> attributes set for an element (on it and its ancestors, outermost first).</summary>
internal static class XmlBase
{
    private static readonly XName s_base = XNamespace.Xml + "base";

    /// <summary>The base URI in effect at <paramref name="element"/>, resolved from the document URL; null when no xml:base applies.</summary>
    public static Uri? Of(XElement? element, Uri documentUrl)
    {
        List<string>? bases = null; // innermost first; allocated only when there is one
        for (var current = element; current is not null; current = current.Parent)
        {
            if (current.Attribute(s_base)?.Value is { } value)
            {
                (bases ??= []).Add(value);
            }
        }

        if (bases is null)
        {
            return null;
        }

        var resolved = documentUrl;
        for (var i = bases.Count - 1; i >= 0; i--)
        {
            if (Uri.TryCreate(resolved, bases[i].Trim(), out var next))
            {
                resolved = next;
            }
        }

        return resolved;
    }
}
