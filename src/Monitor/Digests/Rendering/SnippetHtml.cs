using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Ganss.Xss;
using Monitor.Digests.Highlighting;

namespace Monitor.Digests.Rendering;

/// <summary>
/// A highlighted snippet as HTML for the template: the text HTML-escaped around <c>&lt;mark&gt;</c> highlights, then
/// passed through HtmlSanitizer allowing nothing but bare <c>&lt;mark&gt;</c> (scripts, frames, styles, images, links,
/// <c>on*</c> attributes and <c>javascript:</c> URLs cannot survive, whatever the text held), and only then given its
/// inline style.
/// </summary>
public static class SnippetHtml
{
    /// <summary>The inline style of a highlight (a <c>prefers-color-scheme: dark</c> rule in the template can override it).</summary>
    public const string MarkStyle = "background-color:#fff1a8;color:#1f2328;padding:0 2px;border-radius:3px;";

    private static readonly HtmlSanitizer s_sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "mark" },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
    });

    public static string Render(Highlight highlight)
    {
        var html = new StringBuilder(highlight.Text.Length + (highlight.Marks.Count * 16));
        foreach (var (run, marked) in highlight.Runs())
        {
            html.Append(marked ? "<mark>" : string.Empty).Append(WebUtility.HtmlEncode(run)).Append(marked ? "</mark>" : string.Empty);
        }

        return Sanitize(html.ToString());
    }

    /// <summary>Snippets sanitized lately (the same story goes to many subscribers), at most this many.</summary>
    private const int CacheCapacity = 10_000;

    private static readonly ConcurrentDictionary<string, string> s_sanitized = new(StringComparer.Ordinal);

    /// <summary>Keeps only bare <c>&lt;mark&gt;</c> elements of <paramref name="html"/>, then styles them inline.</summary>
    public static string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (s_sanitized.TryGetValue(html, out var known))
        {
            return known;
        }

        var sanitized = s_sanitizer.Sanitize(html).Replace("<mark>", $"<mark style=\"{MarkStyle}\">", StringComparison.Ordinal);
        if (s_sanitized.Count >= CacheCapacity)
        {
            s_sanitized.Clear();
        }

        s_sanitized[html] = sanitized;
        return sanitized;
    }
}
