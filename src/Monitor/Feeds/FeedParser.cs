using CodeHollow.FeedReader;
using CodeHollow.FeedReader.Feeds;
using Monitor.Core.Items;
using Monitor.Feeds.Parsing;
using FeedItem = Monitor.Core.Items.FeedItem;

namespace Monitor.Feeds;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed with CodeHollow.FeedReader and normalizes every item:
/// absolute links, plain-text title and summary, a date when the feed has any, stable identity.
/// </summary>
/// <remarks>
/// Around the feed reader: the encoding is detected (<see cref="FeedDecoder"/>), DTDs are never processed, an
/// ill-formed document gets a cleaning pass and a second try (<see cref="FeedDocumentReader"/>), at most
/// <c>maxItems</c> items are read, in document order (feeds list the newest first), and each item's text is capped
/// (<see cref="TextLimits"/>). An HTML page is reported with the feed it links to, if any.
/// </remarks>
public static class FeedParser
{
    /// <summary>Items kept from one document when the caller does not say (<c>Monitor:Fetch:MaxItemsPerFeed</c>).</summary>
    public const int DefaultMaxItems = 1000;

    private const int MaxTitleFromSummaryChars = 81;

    /// <param name="body">The document as fetched.</param>
    /// <param name="feedUrl">Where it came from (after redirects): relative links are resolved against it.</param>
    /// <param name="feedId">The feed's id in feeds.json.</param>
    /// <param name="contentType">The HTTP Content-Type, if any: its charset wins over the XML declaration.</param>
    /// <param name="maxItems">Items kept, the first ones in document order.</param>
    /// <exception cref="FeedParseException">The document is no readable feed; the message says why in one line.</exception>
    public static ParsedFeed Parse(byte[] body, Uri feedUrl, string feedId, string? contentType = null, int maxItems = DefaultMaxItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        var document = Read(body, feedUrl, contentType, maxItems);
        var feed = document.Feed;
        var baseUri = ResolveBase(feedUrl, feed.Type == FeedType.Atom ? null : feed.Link); // Atom: relative to the document (RFC 4287); RSS: to the channel link
        var items = new List<FeedItem>(Math.Min(feed.Items.Count, maxItems));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in feed.Items.Take(maxItems))
        {
            var normalized = Normalize(item, feedId, feedUrl, baseUri);
            if (normalized is not null && seen.Add(normalized.ItemKey))
            {
                items.Add(normalized);
            }
        }

        var title = string.IsNullOrWhiteSpace(feed.Title) ? null : TextLimits.PlainText(feed.Title, TextLimits.MaxTitleChars);
        return new ParsedFeed(title, feed.Type.ToString(), items) { Recovered = document.Recovered };
    }

    /// <summary>The document decoded and read; the decoding buffer goes back to its pool before the items are normalized.</summary>
    private static FeedDocument Read(byte[] body, Uri feedUrl, string? contentType, int maxItems)
    {
        using var decoded = FeedDecoder.Decode(body, contentType);
        var text = decoded.Text;
        if (XmlProlog.IsEmpty(text))
        {
            throw new FeedParseException("empty document");
        }

        if (FeedAutodiscovery.LooksLikeHtml(text))
        {
            throw FeedAutodiscovery.NotAFeed(text, feedUrl);
        }

        return FeedDocumentReader.Read(text, maxItems);
    }

    private static FeedItem? Normalize(CodeHollow.FeedReader.FeedItem item, string feedId, Uri feedUrl, Uri baseUri)
    {
        var rss = item.SpecificItem is AtomFeedItem ? null : item.SpecificItem?.Element;
        var title = TextLimits.PlainText(EmbeddedMarkup.Of(rss, "title") ?? item.Title, TextLimits.MaxTitleChars);
        var description = EmbeddedMarkup.Of(rss, "description") ?? item.Description;
        var html = !string.IsNullOrWhiteSpace(item.Content) && (item.Content.Length > (description?.Length ?? 0))
            ? item.Content
            : description;
        var summary = TextLimits.PlainText(html, TextLimits.MaxSummaryChars);
        var link = XmlBase.Of(item.SpecificItem?.Element, feedUrl) is { } xmlBase
            ? ResolveLink(item.Link, xmlBase)
            : ResolveLink(item.Link, baseUri) ?? ResolveLink(item.Link, feedUrl);
        if (title.Length == 0 && summary.Length == 0 && link is null)
        {
            return null;
        }

        if (title.Length == 0)
        {
            title = TextLimits.Shorten(summary, MaxTitleFromSummaryChars);
        }

        var canonical = CanonicalUrl.Canonicalize(link);
        return new FeedItem(
            FeedId: feedId,
            ItemKey: ItemIdentity.ItemKey(item.Id, canonical, title, summary),
            StoryKey: ItemIdentity.StoryKey(canonical, title),
            Title: title,
            Link: link,
            Published: DateOf(item),
            Summary: summary,
            Categories: Categories(item.Categories));
    }

    /// <summary>The first <see cref="TextLimits.MaxCategories"/> categories that are not blank, as plain text.</summary>
    private static string[] Categories(ICollection<string>? categories)
    {
        if (categories is not { Count: > 0 })
        {
            return [];
        }

        var kept = new string[Math.Min(categories.Count, TextLimits.MaxCategories)];
        var count = 0;
        foreach (var category in categories)
        {
            if (count == kept.Length)
            {
                break;
            }

            if (!string.IsNullOrWhiteSpace(category))
            {
                kept[count++] = TextLimits.PlainText(category, TextLimits.MaxTitleChars);
            }
        }

        return count == kept.Length ? kept : kept[..count];
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
}
