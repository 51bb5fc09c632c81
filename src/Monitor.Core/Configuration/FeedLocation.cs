using System.Text.RegularExpressions;

namespace Monitor.Core.Configuration;

/// <summary>Turns a feed's <c>url</c> into an absolute http(s) or file URI.</summary>
internal static partial class FeedLocation
{
    /// <summary>
    /// Accepts an absolute http/https URL, a file:// URL or a local path (absolute, or relative to
    /// <paramref name="baseDirectory"/>); the file need not exist. Returns null and the URI, or the reason.
    /// </summary>
    public static string? TryResolve(string text, string baseDirectory, out Uri? uri)
    {
        uri = null;
        var trimmed = text.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute))
        {
            if (absolute.IsFile)
            {
                uri = absolute;
                return null;
            }

            if (absolute.Scheme != Uri.UriSchemeHttp && absolute.Scheme != Uri.UriSchemeHttps)
            {
                return $"unsupported URL scheme '{absolute.Scheme}:' in '{text}' (use http, https, file or a local path)";
            }

            if (string.IsNullOrEmpty(absolute.Host))
            {
                return $"invalid URL '{text}': no host";
            }

            uri = absolute;
            return null;
        }

        // Not absolute: a local path, unless it plainly tried to be a URL ("http//x", "https://exa mple.com").
        if (LooksLikeUrlRegex().IsMatch(trimmed))
        {
            return $"invalid URL '{text}'";
        }

        try
        {
            uri = new Uri(Path.GetFullPath(Path.Combine(baseDirectory, trimmed)));
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or NotSupportedException or PathTooLongException)
        {
            return $"invalid local path '{text}': {ex.Message}";
        }
    }

    [GeneratedRegex(@"://|^https?:?/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeUrlRegex();
}
