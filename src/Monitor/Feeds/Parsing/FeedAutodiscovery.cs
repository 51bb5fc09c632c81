using AngleSharp.Html.Parser;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// HTML served where a feed was expected, and the feed it names: the first
/// <c>&lt;link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href="..."&gt;</c>, made absolute
/// against the page's <c>&lt;base href&gt;</c> or URL.
/// </summary>
internal static class FeedAutodiscovery
{
    /// <summary>Link elements are in the head; a page is not read further than this.</summary>
    private const int MaxPageChars = 512 * 1024;

    private static readonly string[] s_feedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json"];

    /// <summary>
    /// An HTML page: its root element is <c>html</c>, <c>head</c> or <c>body</c>, or it has an HTML doctype and a root
    /// that is no feed's (an XHTML doctype before an <c>rss</c> root is a feed).
    /// </summary>
    public static bool LooksLikeHtml(ReadOnlySpan<char> text)
    {
        var doctypes = new List<Range>();
        var root = XmlProlog.FindRoot(text, doctypes);
        var name = root < 0 ? [] : text[(root + 1)..XmlNames.EndOfName(text, root + 1)];
        if (name.Equals("html", StringComparison.OrdinalIgnoreCase) || name.Equals("head", StringComparison.OrdinalIgnoreCase) || name.Equals("body", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var localName = name[(name.IndexOf(':') + 1)..];
        if (localName is "rss" or "RDF" or "feed")
        {
            return false;
        }

        foreach (var doctype in doctypes)
        {
            if (text[doctype][XmlProlog.Doctype.Length..].TrimStart().StartsWith("html", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The error for an HTML page: it names the feed the page links to, if any, and carries its URL.</summary>
    public static FeedParseException NotAFeed(ReadOnlySpan<char> html, Uri pageUrl)
    {
        var feed = FindFeedLink(html, pageUrl);
        return feed is null
            ? new FeedParseException("the URL serves an HTML page, not a feed")
            : new FeedParseException($"the URL serves an HTML page, not a feed (the page names a feed: {feed.AbsoluteUri})", feed);
    }

    public static Uri? FindFeedLink(ReadOnlySpan<char> html, Uri pageUrl)
    {
        var document = new HtmlParser().ParseDocument(html[..Math.Min(html.Length, MaxPageChars)].ToString());
        var baseUrl = document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(pageUrl, href.Trim(), out var declared)
            ? declared
            : pageUrl;
        foreach (var link in document.QuerySelectorAll("link[rel][href][type]"))
        {
            var rel = link.GetAttribute("rel")!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var type = link.GetAttribute("type")!.Split(';')[0].Trim();
            if (rel.Contains("alternate", StringComparer.OrdinalIgnoreCase)
                && s_feedTypes.Contains(type, StringComparer.OrdinalIgnoreCase)
                && Uri.TryCreate(baseUrl, link.GetAttribute("href")!.Trim(), out var feed)
                && feed.Scheme is "http" or "https")
            {
                return feed;
            }
        }

        return null;
    }
}
