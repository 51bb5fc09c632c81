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

    /// <remarks>The matches are enumerated, not collected, and their prefixes read in place: a string is made only for a prefix seen first.</remarks>
    private static string DeclareMissingPrefixes(string text, int nameEnd)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal) { "xml", "xmlns" }; // and, as they are found, the missing ones
        var declaredPrefixes = declared.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var declaration in Declared().EnumerateMatches(text))
        {
            var prefix = text.AsSpan(declaration.Index + "xmlns:".Length, declaration.Length - "xmlns:".Length);
            declaredPrefixes.Add(prefix[..EndOfDeclaredPrefix(prefix)]);
        }

        var missing = new List<string>();
        foreach (var use in Used().EnumerateMatches(text))
        {
            var name = text.AsSpan(use.Index, use.Length);
            name = name[(name.StartsWith("</", StringComparison.Ordinal) ? 2 : 1)..]; // after "<", "</" or the white space before an attribute
            var prefix = name[..name.IndexOf(':')];
            if (!declaredPrefixes.Contains(prefix))
            {
                var added = prefix.ToString();
                declared.Add(added);
                missing.Add(added);
            }
        }

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

    /// <summary>Where the prefix of a <see cref="Declared"/> match (from after <c>xmlns:</c>) ends: at the white space or <c>=</c> that follows it, which no prefix character is.</summary>
    private static int EndOfDeclaredPrefix(ReadOnlySpan<char> declaration)
    {
        var end = 0;
        while (end < declaration.Length && declaration[end] != '=' && !char.IsWhiteSpace(declaration[end]))
        {
            end++;
        }

        return end;
    }

    [GeneratedRegex("""<(?:[A-Za-z_][\w.-]*:)?channel[\s/>]""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Channel();

    [GeneratedRegex("""xmlns:(?<prefix>[A-Za-z_][\w.-]*)\s*=""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Declared();

    /// <summary>Prefixes of element names and of attribute names (which may also match text that looks alike: harmless).</summary>
    [GeneratedRegex("""(?:</?|\s)(?<prefix>[A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*(?=[\s/>=])""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Used();
}
