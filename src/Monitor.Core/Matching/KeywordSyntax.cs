using System.Text.RegularExpressions;
using Monitor.Core.Text;

namespace Monitor.Core.Matching;

/// <summary>
/// The keyword syntax of feeds.json topics: words and phrases matched whole-word, case- and
/// diacritic-insensitively ("Mixture-of-Experts", "DeepSeek V4", "深度求索"); a trailing <c>*</c> makes the last
/// word a prefix ("regulat*"); <c>/.../</c> is a .NET regular expression run over the plain text.
/// </summary>
public static class KeywordSyntax
{
    /// <summary>Options every regex keyword runs with.</summary>
    public const RegexOptions RegexKeywordOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly TimeSpan s_validationTimeout = TimeSpan.FromSeconds(1);

    /// <summary>True for a regular-expression keyword: it starts and ends with '/' (ignoring surrounding whitespace) and has something in between.</summary>
    public static bool IsRegex(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        ReadOnlySpan<char> trimmed = keyword.AsSpan().Trim();
        return trimmed.Length > 2 && trimmed[0] == '/' && trimmed[^1] == '/';
    }

    /// <summary>True for a prefix keyword: not a regex, and ends with '*' (ignoring trailing whitespace).</summary>
    public static bool IsPrefix(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return !IsRegex(keyword) && keyword.AsSpan().TrimEnd().EndsWith('*');
    }

    /// <summary>
    /// Null when <paramref name="keyword"/> is usable; otherwise a message for the user: the keyword is empty, has no
    /// letters or digits to match (e.g. "*" or "--"), or is an invalid regular expression (with the parser's message).
    /// </summary>
    public static string? Validate(string keyword) => TryParse(keyword, s_validationTimeout, out _, out _);

    /// <summary>
    /// Parses a keyword: a regex keyword gives <paramref name="regex"/>, any other one its normalized
    /// <paramref name="pattern"/> (" w1 w2 ", without the trailing space for a prefix keyword). Returns the error, if any.
    /// </summary>
    internal static string? TryParse(string keyword, TimeSpan regexTimeout, out Regex? regex, out string? pattern)
    {
        regex = null;
        pattern = null;
        if (string.IsNullOrWhiteSpace(keyword))
        {
            return "keyword is empty";
        }

        ReadOnlySpan<char> trimmed = keyword.AsSpan().Trim();
        if (IsRegex(keyword))
        {
            try
            {
                regex = new Regex(trimmed[1..^1].ToString(), RegexKeywordOptions, regexTimeout);
                return null;
            }
            catch (ArgumentException ex)
            {
                return $"keyword '{keyword}' is not a valid regular expression: {ex.Message}";
            }
        }

        bool prefix = trimmed.EndsWith('*');
        if (prefix)
        {
            trimmed = trimmed.TrimEnd('*');
        }

        var builder = new PooledCharBuilder(stackalloc char[128]);
        try
        {
            TextNormalizer.AppendPadded(trimmed, ref builder);
            ReadOnlySpan<char> normalized = builder.AsSpan();
            if (!TextNormalizer.HasWords(normalized))
            {
                return $"keyword '{keyword}' has no letters or digits to match";
            }

            pattern = new string(prefix ? normalized[..^1] : normalized);
            return null;
        }
        finally
        {
            builder.Dispose();
        }
    }
}
