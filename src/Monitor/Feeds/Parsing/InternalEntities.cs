using System.Text.RegularExpressions;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// General entities a DOCTYPE's internal subset declares with a plain-text value (<c>&lt;!ENTITY id "text"&gt;</c>).
/// Values that reference other entities, contain markup, are external (SYSTEM/PUBLIC) or parameter entities are
/// ignored, so substituting them can never recurse or read anything.
/// </summary>
internal static partial class InternalEntities
{
    public const int MaxValueLength = 1024;
    private const int MaxEntities = 256;

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    public static void Collect(string doctype, Dictionary<string, string> entities)
    {
        foreach (Match declaration in Declaration().Matches(doctype))
        {
            if (entities.Count >= MaxEntities)
            {
                return;
            }

            var value = declaration.Groups["value"].Value;
            if (value.Length <= MaxValueLength && value.AsSpan().IndexOfAny("&%<") < 0)
            {
                entities.TryAdd(declaration.Groups["name"].Value, value);
            }
        }
    }

    [GeneratedRegex("""<!ENTITY\s+(?<name>[A-Za-z_][A-Za-z0-9_.-]*)\s+(?:"(?<value>[^"]*)"|'(?<value>[^']*)')\s*>""", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Declaration();
}
