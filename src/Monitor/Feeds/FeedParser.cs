using System.Text;
using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using Monitor.Core.Items;
using FeedItem = Monitor.Core.Items.FeedItem;
using Monitor.Core.Text;

namespace Monitor.Feeds;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0, Atom and JSON Feed with CodeHollow.FeedReader and normalizes every item:
/// absolute links, plain-text title and summary, a date when the feed has any, stable identity.
/// </summary>
public static class FeedParser
{
    public static ParsedFeed Parse(byte[] body, Uri feedUrl, string feedId)
    {
        if (body.Length == 0)
        {
            throw new FeedParseException("empty document");
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromByteArray(body);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new FeedParseException(Describe(body, ex, feedUrl), ex);
        }

        if (feed.Type == FeedType.Unknown)
        {
            throw new FeedParseException(Describe(body, null, feedUrl));
        }

        var items = new List<FeedItem>(feed.Items.Count);
        var baseUri = ResolveBase(feedUrl, feed.Type == FeedType.Atom ? null : feed.Link); // Atom: relative to the document (RFC 4287); RSS: to the channel link
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in feed.Items)
        {
            var normalized = Normalize(item, feedId, feedUrl, baseUri);
            if (normalized is not null && seen.Add(normalized.ItemKey))
            {
                items.Add(normalized);
            }
        }

        return new ParsedFeed(string.IsNullOrWhiteSpace(feed.Title) ? null : HtmlText.ToPlainText(feed.Title), feed.Type.ToString(), items);
    }

    private static FeedItem? Normalize(CodeHollow.FeedReader.FeedItem item, string feedId, Uri feedUrl, Uri baseUri)
    {
        var title = HtmlText.ToPlainText(item.Title);
        var html = !string.IsNullOrWhiteSpace(item.Content) && (item.Content.Length > (item.Description?.Length ?? 0))
            ? item.Content
            : item.Description;
        var summary = HtmlText.ToPlainText(html);
        var link = ResolveLink(item.Link, baseUri) ?? ResolveLink(item.Link, feedUrl);
        if (title.Length == 0 && summary.Length == 0 && link is null)
        {
            return null;
        }

        if (title.Length == 0)
        {
            title = summary.Length > 80 ? summary[..80].TrimEnd() + "…" : summary;
        }

        var canonical = CanonicalUrl.Canonicalize(link);
        var categories = item.Categories?.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => HtmlText.ToPlainText(c)).ToArray() ?? [];
        return new FeedItem(
            FeedId: feedId,
            ItemKey: ItemIdentity.ItemKey(item.Id, canonical, title, summary),
            StoryKey: ItemIdentity.StoryKey(canonical, title),
            Title: title,
            Link: link,
            Published: DateOf(item),
            Summary: summary,
            Categories: categories);
    }

    private static DateTimeOffset? DateOf(CodeHollow.FeedReader.FeedItem item)
    {
        var date = item.SpecificItem switch
        {
            AtomFeedItem atom => atom.PublishedDate ?? atom.UpdatedDate,
            Rss20FeedItem rss => rss.PublishingDate ?? rss.DC?.Date,
            Rss10FeedItem rdf => rdf.DC?.Date,
            JsonFeedItem json => json.DatePublished ?? json.DateModified,
            _ => null,
        } ?? item.PublishingDate;
        if (date is not { } value)
        {
            return null;
        }

        return value.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
            DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
            _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
        };
    }

    private static Uri ResolveBase(Uri feedUrl, string? siteLink)
    {
        if (!string.IsNullOrWhiteSpace(siteLink) && Uri.TryCreate(feedUrl, siteLink.Trim(), out var site) && (site.Scheme == Uri.UriSchemeHttp || site.Scheme == Uri.UriSchemeHttps))
        {
            return site;
        }

        return feedUrl;
    }

    private static string? ResolveLink(string? link, Uri baseUri)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        if (!Uri.TryCreate(baseUri, link.Trim(), out var absolute))
        {
            return null;
        }

        return absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
    }

    private static string Describe(byte[] body, Exception? ex, Uri feedUrl)
    {
        if (LooksLikeHtml(body))
        {
            var hint = FindFeedLink(body, feedUrl);
            return hint is null ? "the URL serves an HTML page, not a feed" : $"the URL serves an HTML page, not a feed (the page names a feed: {hint})";
        }

        return ex is null ? "not a recognised feed format (RSS, Atom or JSON Feed)" : $"not a readable feed: {FirstLine(ex.Message)}";
    }

    /// <summary>An HTML page, possibly after a BOM, an XML prolog, comments or a doctype.</summary>
    private static bool LooksLikeHtml(byte[] body)
    {
        var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096)).AsSpan();
        while (true)
        {
            head = head.TrimStart("\uFEFF \t\r\n");
            if (head.StartsWith("<?", StringComparison.Ordinal) || head.StartsWith("<!--", StringComparison.Ordinal) || head.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase))
            {
                if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                var end = head.StartsWith("<!--", StringComparison.Ordinal) ? head.IndexOf("-->", StringComparison.Ordinal) : head.IndexOf('>');
                if (end < 0)
                {
                    return false;
                }

                head = head[(end + (head.StartsWith("<!--", StringComparison.Ordinal) ? 3 : 1))..];
                continue;
            }

            return head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string? FindFeedLink(byte[] body, Uri pageUrl)
    {
        try
        {
            var link = FeedReader.ParseFeedUrlsFromHtml(Encoding.UTF8.GetString(body)).FirstOrDefault()?.Url;
            return link is not null && Uri.TryCreate(pageUrl, link, out var absolute) ? absolute.AbsoluteUri : link;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
