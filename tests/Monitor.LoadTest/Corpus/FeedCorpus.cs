using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Monitor.LoadTest.Corpus;

/// <summary>The format a feed is served in.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}

/// <summary>One feed of the corpus.</summary>
public sealed record CorpusFeed(int Index, string Id, FeedFormat Format, CorpusLanguage Language, string Title, string Path, string ContentType, string Outlet);

/// <summary>One rendered feed document.</summary>
public sealed record FeedDocument(CorpusFeed Feed, int Version, byte[] Body, string ETag, DateTimeOffset LastModified, int Items);

/// <summary>
/// A deterministic synthetic AI-news corpus: <c>feeds</c> x <c>items</c>, RSS 2.0 (45%), Atom 1.0 (40%) and JSON
/// Feed 1.1 (15%); 1 feed in 25 German and 1 in 25 Chinese; HTML bodies with links, images, lists, entities, the odd
/// script and keyword-looking markup; about 5% near-miss stories ("H1000", "Geminid", "Moebius", "deregulation");
/// about <see cref="SyndicatedShare"/> of all items are wire stories carried by 2-5 feeds (same link, sometimes with
/// tracking parameters, sometimes a reworded title, their own GUID). The same seed gives the same text; item dates are
/// relative to <c>anchor</c> (the last three days) so that digests are due whenever the corpus is generated.
/// </summary>
public sealed class FeedCorpus
{
    public const double SyndicatedShare = 0.12;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private readonly int _seed;
    private readonly DateTimeOffset _anchor;

    /// <summary>[feed][slot]: the syndicated story in that slot, or -1 for a story of the feed's own.</summary>
    private readonly int[][] _slots;

    /// <summary>[syndicated story]: how many feeds carried it so far while assigning (its copy number).</summary>
    private readonly int[][] _copyNumber;

    private FeedCorpus(int seed, int items, DateTimeOffset anchor, CorpusFeed[] feeds, int[][] slots, int[][] copyNumber, int syndicatedStories, int syndicatedItems)
    {
        _seed = seed;
        ItemsPerFeed = items;
        _anchor = anchor;
        Feeds = feeds;
        _slots = slots;
        _copyNumber = copyNumber;
        SyndicatedStories = syndicatedStories;
        SyndicatedItems = syndicatedItems;
    }

    public IReadOnlyList<CorpusFeed> Feeds { get; }

    public int ItemsPerFeed { get; }

    /// <summary>Stories carried by more than one feed.</summary>
    public int SyndicatedStories { get; }

    /// <summary>Items that are copies of a syndicated story (every copy counted).</summary>
    public int SyndicatedItems { get; }

    /// <summary>New items a feed gets per version (soak: a changing corpus).</summary>
    public int NewItemsPerVersion { get; init; } = 5;

    public static FeedCorpus Create(int feeds, int items, int seed, DateTimeOffset anchor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(feeds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(items);
        var list = new CorpusFeed[feeds];
        for (int f = 0; f < feeds; f++)
        {
            var rng = Rng.For(seed, 10, f);
            int formatRoll = f % 20;
            var format = formatRoll < 9 ? FeedFormat.Rss : formatRoll < 17 ? FeedFormat.Atom : FeedFormat.Json;
            var language = (f % 25) switch { 7 => CorpusLanguage.German, 13 => CorpusLanguage.Chinese, _ => CorpusLanguage.English };
            string id = string.Create(CultureInfo.InvariantCulture, $"feed-{f:00000}");
            string outlet = rng.Pick(Vocabulary.Outlets);
            string title = language switch
            {
                CorpusLanguage.German => $"KI-Nachrichten {f} ({outlet})",
                CorpusLanguage.Chinese => $"人工智能新闻 {f}",
                _ => $"AI News Desk {f} ({outlet})",
            };
            var (path, contentType) = format switch
            {
                FeedFormat.Rss => ($"/feeds/{id}.rss", "application/rss+xml; charset=utf-8"),
                FeedFormat.Atom => ($"/feeds/{id}.atom", "application/atom+xml; charset=utf-8"),
                _ => ($"/feeds/{id}.json", "application/feed+json; charset=utf-8"),
            };
            list[f] = new CorpusFeed(f, id, format, language, title, path, contentType, outlet);
        }

        // Syndication: stories carried by 2-5 distinct feeds until ~12% of all slots hold such copies.
        var slots = new int[feeds][];
        for (int f = 0; f < feeds; f++)
        {
            slots[f] = new int[items];
            Array.Fill(slots[f], -1);
        }

        var copies = new List<int[]>();
        long total = (long)feeds * items;
        long target = feeds < 2 ? 0 : (long)Math.Round(total * SyndicatedShare);
        long placed = 0;
        var assign = Rng.For(seed, 20);
        var free = new int[feeds];
        Array.Fill(free, items);
        int guard = 0;
        while (placed + 2 <= target && guard++ < 10_000_000)
        {
            int k = Math.Min(assign.Next(2, 6), feeds);
            k = (int)Math.Min(k, target - placed);
            if (k < 2)
            {
                break;
            }

            var chosen = new List<int>(k);
            int tries = 0;
            while (chosen.Count < k && tries++ < 50)
            {
                int f = assign.Next(feeds);
                if (free[f] > 0 && !chosen.Contains(f))
                {
                    chosen.Add(f);
                }
            }

            if (chosen.Count < 2)
            {
                continue;
            }

            int story = copies.Count;
            var copyFeeds = new int[chosen.Count];
            for (int c = 0; c < chosen.Count; c++)
            {
                int f = chosen[c];
                int slot = assign.Next(items);
                while (slots[f][slot] != -1)
                {
                    slot = (slot + 1) % items;
                }

                slots[f][slot] = story;
                free[f]--;
                copyFeeds[c] = f;
            }

            copies.Add(copyFeeds);
            placed += chosen.Count;
        }

        return new FeedCorpus(seed, items, anchor, list, slots, [.. copies], copies.Count, (int)placed);
    }

    /// <summary>The feed's document at <paramref name="version"/> (0 = as first served; each version adds <see cref="NewItemsPerVersion"/> items at the top and drops the oldest).</summary>
    public FeedDocument Render(int feedIndex, int version = 0)
    {
        var feed = Feeds[feedIndex];
        var items = Items(feedIndex, version);
        byte[] body = feed.Format switch
        {
            FeedFormat.Rss => Rss(feed, items),
            FeedFormat.Atom => Atom(feed, items),
            _ => Json(feed, items),
        };
        string etag = "\"" + Convert.ToHexString(SHA256.HashData(body), 0, 8).ToLowerInvariant() + "\"";
        var lastModified = items.Count > 0 ? items[0].Published : _anchor;
        return new FeedDocument(feed, version, body, etag, new DateTimeOffset(lastModified.Ticks - lastModified.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero), items.Count);
    }

    /// <summary>The items of the feed at <paramref name="version"/>, newest first.</summary>
    public List<(string Guid, Story Story, DateTimeOffset Published)> Items(int feedIndex, int version = 0)
    {
        var feed = Feeds[feedIndex];
        int first = version * NewItemsPerVersion;
        var items = new List<(string Guid, Story Story, DateTimeOffset Published)>(ItemsPerFeed);
        for (int serial = first + ItemsPerFeed - 1; serial >= first; serial--)
        {
            items.Add(Item(feed, serial));
        }

        items.Sort((a, b) => b.Published.CompareTo(a.Published));
        return items;
    }

    private (string Guid, Story Story, DateTimeOffset Published) Item(CorpusFeed feed, int serial)
    {
        var rng = Rng.For(_seed, 30, feed.Index, serial);
        DateTimeOffset published = serial < ItemsPerFeed
            ? _anchor.AddMinutes(-(ItemsPerFeed - serial) * (3 * 24 * 60.0 / ItemsPerFeed) - rng.Next(0, 30))
            : _anchor.AddMinutes(-60).AddSeconds(serial - ItemsPerFeed);
        published = new DateTimeOffset(published.Ticks - published.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        int syndicated = serial < ItemsPerFeed ? _slots[feed.Index][serial] : -1;
        Story story;
        if (syndicated >= 0)
        {
            var storyRng = Rng.For(_seed, 40, syndicated);
            story = StoryWriter.Write(ref storyRng, CorpusLanguage.English, 1_000_000 + syndicated, nearMiss: false);
            int copy = Array.IndexOf(_copyNumber[syndicated], feed.Index);
            story = Variant(story, copy, feed, ref rng);
            published = _anchor.AddMinutes(-(syndicated % 4000) - copy * 7);
            published = new DateTimeOffset(published.Ticks - published.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
        else
        {
            bool nearMiss = feed.Language == CorpusLanguage.English && rng.Chance(0.05);
            story = StoryWriter.Write(ref rng, feed.Language, feed.Index * 100_000 + serial, nearMiss);
        }

        string guid = rng.Chance(0.5)
            ? story.Link
            : string.Create(CultureInfo.InvariantCulture, $"tag:{feed.Outlet},2025:{feed.Id}/{serial}");
        return (guid, story, published);
    }

    /// <summary>How one outlet carries a wire story: copy 0 as written; others may add tracking parameters, reword the title, cut the body.</summary>
    private static Story Variant(Story story, int copy, CorpusFeed feed, ref Rng rng)
    {
        if (copy <= 0)
        {
            return story;
        }

        string link = rng.Chance(0.5) ? story.Link + $"?utm_source=rss&utm_medium=feed&utm_campaign={feed.Id}" : story.Link;
        string title = rng.Next(10) switch
        {
            0 => "Report: " + story.Title,
            1 => story.Title + " | " + feed.Outlet,
            2 => story.Title.ToUpperInvariant(),
            _ => story.Title,
        };
        string html = story.Html;
        if (rng.Chance(0.4))
        {
            int cut = html.IndexOf("</p>", StringComparison.Ordinal);
            if (cut > 0)
            {
                html = html[..(cut + 4)];
            }
        }

        return story with { Link = link, Title = title, Html = html };
    }

    private static byte[] Rss(CorpusFeed feed, List<(string Guid, Story Story, DateTimeOffset Published)> items)
    {
        var xml = new StringBuilder(items.Count * 1200 + 512);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n");
        xml.Append("<title>").Append(Escape(feed.Title)).Append("</title>\n");
        xml.Append("<link>https://").Append(feed.Outlet).Append("/</link>\n");
        xml.Append("<atom:link href=\"https://").Append(feed.Outlet).Append(feed.Path).Append("\" rel=\"self\" type=\"application/rss+xml\" />\n");
        xml.Append("<description>Synthetic AI news for load tests</description>\n<language>").Append(LanguageCode(feed.Language)).Append("</language>\n");
        if (items.Count > 0)
        {
            xml.Append("<lastBuildDate>").Append(Rfc822(items[0].Published)).Append("</lastBuildDate>\n");
        }

        int n = 0;
        foreach (var (guid, story, published) in items)
        {
            xml.Append("<item>\n<title>").Append(Escape(story.Title)).Append("</title>\n");
            xml.Append("<link>").Append(Escape(story.Link)).Append("</link>\n");
            xml.Append(guid == story.Link ? "<guid isPermaLink=\"true\">" : "<guid isPermaLink=\"false\">").Append(Escape(guid)).Append("</guid>\n");
            xml.Append("<pubDate>").Append(Rfc822(published)).Append("</pubDate>\n");
            xml.Append("<dc:creator>").Append(Escape(story.Author)).Append("</dc:creator>\n");
            foreach (string category in story.Categories)
            {
                xml.Append("<category>").Append(Escape(category)).Append("</category>\n");
            }

            if (n++ % 3 == 0)
            {
                // Short description plus the whole body in content:encoded (WordPress style).
                int cut = story.Html.IndexOf("</p>", StringComparison.Ordinal);
                string lead = cut > 0 ? story.Html[..(cut + 4)] : story.Html;
                xml.Append("<description>").Append(Escape(lead)).Append("</description>\n");
                xml.Append("<content:encoded><![CDATA[").Append(story.Html).Append("]]></content:encoded>\n");
            }
            else
            {
                xml.Append("<description>").Append(Escape(story.Html)).Append("</description>\n");
            }

            xml.Append("</item>\n");
        }

        xml.Append("</channel>\n</rss>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static byte[] Atom(CorpusFeed feed, List<(string Guid, Story Story, DateTimeOffset Published)> items)
    {
        var xml = new StringBuilder(items.Count * 1200 + 512);
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"").Append(LanguageCode(feed.Language)).Append("\">\n");
        xml.Append("<title>").Append(Escape(feed.Title)).Append("</title>\n");
        xml.Append("<link href=\"https://").Append(feed.Outlet).Append("/\" rel=\"alternate\" />\n");
        xml.Append("<link href=\"https://").Append(feed.Outlet).Append(feed.Path).Append("\" rel=\"self\" />\n");
        xml.Append("<id>tag:").Append(feed.Outlet).Append(",2025:").Append(feed.Id).Append("</id>\n");
        xml.Append("<updated>").Append(Iso(items.Count > 0 ? items[0].Published : DateTimeOffset.UnixEpoch)).Append("</updated>\n");
        foreach (var (guid, story, published) in items)
        {
            xml.Append("<entry>\n<title type=\"html\">").Append(Escape(Escape(story.Title))).Append("</title>\n");
            xml.Append("<link rel=\"alternate\" type=\"text/html\" href=\"").Append(Escape(story.Link)).Append("\" />\n");
            xml.Append("<id>").Append(Escape(guid)).Append("</id>\n");
            xml.Append("<published>").Append(Iso(published)).Append("</published>\n");
            xml.Append("<updated>").Append(Iso(published)).Append("</updated>\n");
            xml.Append("<author><name>").Append(Escape(story.Author)).Append("</name></author>\n");
            foreach (string category in story.Categories)
            {
                xml.Append("<category term=\"").Append(Escape(category)).Append("\" />\n");
            }

            xml.Append("<content type=\"html\">").Append(Escape(story.Html)).Append("</content>\n</entry>\n");
        }

        xml.Append("</feed>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static byte[] Json(CorpusFeed feed, List<(string Guid, Story Story, DateTimeOffset Published)> items)
    {
        using var stream = new MemoryStream(items.Count * 1200 + 512);
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("version", "https://jsonfeed.org/version/1.1");
            json.WriteString("title", feed.Title);
            json.WriteString("home_page_url", $"https://{feed.Outlet}/");
            json.WriteString("feed_url", $"https://{feed.Outlet}{feed.Path}");
            json.WriteString("language", LanguageCode(feed.Language));
            json.WriteStartArray("items");
            foreach (var (guid, story, published) in items)
            {
                json.WriteStartObject();
                json.WriteString("id", guid);
                json.WriteString("url", story.Link);
                json.WriteString("title", story.Title);
                json.WriteString("content_html", story.Html);
                json.WriteString("date_published", Iso(published));
                json.WriteStartArray("authors");
                json.WriteStartObject();
                json.WriteString("name", story.Author);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartArray("tags");
                foreach (string category in story.Categories)
                {
                    json.WriteStringValue(category);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static string LanguageCode(CorpusLanguage language) => language switch
    {
        CorpusLanguage.German => "de",
        CorpusLanguage.Chinese => "zh-CN",
        _ => "en-US",
    };

    private static string Rfc822(DateTimeOffset value) => value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 32);
        foreach (char c in text)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '"' => escaped.Append("&quot;"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }
}
