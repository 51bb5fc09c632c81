using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// Repairs at the root element: namespace prefixes a document uses but never declares (<c>&lt;itunes:author&gt;</c>
/// without <c>xmlns:itunes</c>) are declared on it, the well-known feed namespaces by their real URI, any other under
/// a placeholder URI; an RSS or RDF root without a channel gets an empty one (an empty feed, not a failure).
/// </summary>
internal static partial class RootElementRepair
{
    private const string PlaceholderNamespace = "urn:x-monitor:undeclared:";

    private static readonly Dictionary<string, string> s_wellKnown = new(StringComparer.Ordinal)
    {
        ["atom"] = "http://www.w3.org/2005/Atom",
        ["content"] = "http://purl.org/rss/1.0/modules/content/",
        ["dc"] = "http://purl.org/dc/elements/1.1/",
        ["dcterms"] = "http://purl.org/dc/terms/",
        ["georss"] = "http://www.georss.org/georss",
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["media"] = "http://search.yahoo.com/mrss/",
        ["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["sy"] = "http://purl.org/rss/1.0/modules/syndication/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
    };

    public static string Repair(string text)
    {
        var root = XmlProlog.FindRoot(text, doctypes: null);
        if (root < 0)
        {
            return text;
        }

        var nameEnd = XmlNames.EndOfName(text, root + 1);

        var name = text.AsSpan(root + 1, nameEnd - root - 1);
        var localName = name[(name.IndexOf(':') + 1)..];
        if (localName is "rss" or "RDF" && !Channel().IsMatch(text))
        {
            var startTagEnd = text.IndexOf('>', nameEnd);
            text = startTagEnd < 0 || text[startTagEnd - 1] == '/' ? text : text.Insert(startTagEnd + 1, "<channel/>");
        }

        return DeclareMissingPrefixes(text, nameEnd);
    }

    private static string DeclareMissingPrefixes(string text, int nameEnd)
    {
        var declared = Declared().Matches(text).Select(m => m.Groups["prefix"].Value).ToHashSet(StringComparer.Ordinal);
        var missing = Used().Matches(text)
            .Select(m => m.Groups["prefix"].Value)
            .Where(prefix => prefix is not ("xml" or "xmlns") && !declared.Contains(prefix))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (missing.Count == 0)
        {
            return text;
        }

        var declarations = new StringBuilder();
        foreach (var prefix in missing)
        {
            var uri = s_wellKnown.TryGetValue(prefix, out var known) ? known : PlaceholderNamespace + prefix;
            declarations.Append(" xmlns:").Append(prefix).Append("=\"").Append(uri).Append('"');
        }

        return text.Insert(nameEnd, declarations.ToString());
    }

    [GeneratedRegex("""<(?:[A-Za-z_][\w.-]*:)?channel[\s/>]""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Channel();

    [GeneratedRegex("""xmlns:(?<prefix>[A-Za-z_][\w.-]*)\s*=""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Declared();

    /// <summary>Prefixes of element names and of attribute names (which may also match text that looks alike: harmless).</summary>
    [GeneratedRegex("""(?:</?|\s)(?<prefix>[A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*(?=[\s/>=])""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Used();
}
