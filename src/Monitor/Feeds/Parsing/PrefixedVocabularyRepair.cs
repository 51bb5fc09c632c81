using System.Text.RegularExpressions;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// Feeds whose own vocabulary is bound to a prefix instead of being the default namespace
/// (<c>&lt;rss:channel&gt;</c> with <c>xmlns:rss="http://purl.org/rss/1.0/"</c>, <c>&lt;r:rss&gt;</c> in UserLand's
/// RSS 2.0 namespace): the prefix is removed from element names, so the elements are where the feed reader looks.
/// </summary>
internal static partial class PrefixedVocabularyRepair
{
    /// <summary>Feed vocabularies by namespace, each with the namespace its elements belong in once unprefixed (null: none).</summary>
    private static readonly Dictionary<string, string?> s_vocabularies = new(StringComparer.Ordinal)
    {
        ["http://purl.org/rss/1.0/"] = "http://purl.org/rss/1.0/",
        ["http://my.netscape.com/rdf/simple/0.9/"] = "http://my.netscape.com/rdf/simple/0.9/",
        ["http://backend.userland.com/rss2"] = null,
        ["http://backend.userland.com/rss"] = null,
    };

    public static string Repair(string text)
    {
        if (DefaultNamespace().IsMatch(text))
        {
            return text; // unprefixed elements already have a namespace: removing prefixes would move them
        }

        foreach (Match binding in Binding().Matches(text))
        {
            if (s_vocabularies.TryGetValue(binding.Groups["uri"].Value, out var unprefixed))
            {
                var prefix = binding.Groups["prefix"].Value;
                return text
                    .Replace(binding.Value, unprefixed is null ? string.Empty : $" xmlns=\"{unprefixed}\"", StringComparison.Ordinal)
                    .Replace("<" + prefix + ":", "<", StringComparison.Ordinal)
                    .Replace("</" + prefix + ":", "</", StringComparison.Ordinal);
            }
        }

        return text;
    }

    [GeneratedRegex("""\sxmlns\s*=""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DefaultNamespace();

    [GeneratedRegex("""\sxmlns:(?<prefix>[A-Za-z_][\w.-]*)\s*=\s*["'](?<uri>[^"']*)["']""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Binding();
}
