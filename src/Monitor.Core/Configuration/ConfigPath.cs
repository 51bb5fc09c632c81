using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Core.Configuration;

/// <summary>Builds JSON paths such as <c>$.topics[2].keywords[0]</c> for <see cref="ConfigProblem.Path"/>.</summary>
internal static partial class ConfigPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        IdentifierRegex().IsMatch(name)
            ? parent + "." + name
            : parent + "['" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";

    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRegex();
}
