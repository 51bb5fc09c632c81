using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary>
/// <see cref="FeedParser"/> on hostile and oversized documents: no DTD is ever processed (no file or URL read, no
/// entity expanded), items and text are capped, and an HTML page is reported with the feed it names.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FeedHostileInputTests
{
    private static readonly Uri FeedUrl = new("https://blog.example/news/feed.xml");

    [Fact]
    public void Given_external_entities_pointing_at_a_file_and_a_url_when_parsed_then_neither_is_read()
    {
        var secret = $"MONITOR-XXE-SECRET-{Guid.NewGuid():N}";
        var file = Path.Combine(Path.GetTempPath(), $"monitor-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, secret);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/xxe";
        try
        {
            var document = $"""
                <?xml version="1.0" encoding="utf-8"?>
                <!DOCTYPE rss [
                  <!ENTITY xxe SYSTEM "{new Uri(file).AbsoluteUri}">
                  <!ENTITY remote SYSTEM "{url}">
                  <!ENTITY % dtd SYSTEM "{url}/dtd">
                  %dtd;
                ]>
                <rss version="2.0"><channel><title>t &xxe;</title>
                  <item><guid>1</guid><title>Leak &xxe; here</title><description>&remote; and &xxe;</description></item>
                </channel></rss>
                """;

            var feed = Parse(document);

            var item = Assert.Single(feed.Items);
            Assert.Equal("Leak &xxe; here", item.Title);
            Assert.Equal("&remote; and &xxe;", item.Summary);
            Assert.DoesNotContain(secret, feed.Title + item.Title + item.Summary, StringComparison.Ordinal);
            Assert.False(listener.Pending(), "the parser connected to the URL of an external entity");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Given_a_billion_laughs_document_when_parsed_then_it_is_done_within_a_second_without_expanding_entities()
    {
        var levels = string.Join('\n', Enumerable.Range(1, 9).Select(n => $"""<!ENTITY lol{n} "{string.Concat(Enumerable.Repeat($"&lol{n - 1};", 10))}">"""));
        var document = $"""
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol0 "lol">
              {levels}
            ]>
            <rss version="2.0"><channel><title>laughs</title><item><guid>1</guid><title>&lol9;</title><description>&lol9;&lol9;</description></item></channel></rss>
            """;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();

        var item = Assert.Single(Parse(document).Items);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 32 * 1024 * 1024, "allocated more than 32 MB");
        Assert.Equal("&lol9;", item.Title);
        Assert.Equal("&lol9;&lol9;", item.Summary);
    }

    [Fact]
    public void Given_a_quadratic_blowup_document_when_parsed_then_declared_entities_are_substituted_only_within_a_budget()
    {
        var references = string.Concat(Enumerable.Repeat("&big;", 50_000));
        var document = $"""
            <!DOCTYPE rss [ <!ENTITY big "{new string('x', 1000)}"> ]>
            <rss version="2.0"><channel><title>blowup</title><item><guid>1</guid><title>Blow-up</title><description>{references}</description></item></channel></rss>
            """;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();

        var item = Assert.Single(Parse(document).Items);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 256 * 1024 * 1024, "allocated more than 256 MB");
        Assert.StartsWith("xxxxxxxxxx", item.Summary, StringComparison.Ordinal);
        Assert.True(item.Summary.Length <= 64 * 1024);
    }

    [Fact]
    public void Given_a_feed_with_100000_items_within_the_body_cap_when_parsed_then_the_first_thousand_are_kept_quickly()
    {
        var document = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Flood</title><link>https://flood.example/</link>");
        for (var i = 0; i < 100_000; i++)
        {
            document.Append(CultureInfo.InvariantCulture, $"<item><guid>g{i}</guid><title>Item {i}</title><link>https://flood.example/{i}</link><description>Text of item {i}.</description></item>");
        }

        var body = Encoding.UTF8.GetBytes(document.Append("</channel></rss>").ToString());
        Assert.True(body.Length < 16 * 1024 * 1024);
        var watch = Stopwatch.StartNew();

        var feed = FeedParser.Parse(body, FeedUrl, "flood");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(FeedParser.DefaultMaxItems, feed.Items.Count);
        Assert.Equal("Item 0", feed.Items[0].Title);
        Assert.Equal("Item 999", feed.Items[^1].Title);
        Assert.Equal(10, FeedParser.Parse(body, FeedUrl, "flood", maxItems: 10).Items.Count);
    }

    [Fact]
    public void Given_an_item_with_a_huge_description_when_parsed_then_its_plain_text_is_trimmed_to_64_kb()
    {
        var huge = string.Concat(Enumerable.Repeat("<p>Mixture-of-Experts routing explained in depth. </p>", 100_000));
        var document = $"""<rss version="2.0"><channel><title>Big</title><item><guid>1</guid><title>Huge</title><description><![CDATA[{huge}]]></description></item></channel></rss>""";

        var item = Assert.Single(FeedParser.Parse(Encoding.UTF8.GetBytes(document), FeedUrl, "big").Items);

        Assert.True(huge.Length > 4 * 1024 * 1024);
        Assert.InRange(item.Summary.Length, 60 * 1024, 64 * 1024);
        Assert.StartsWith("Mixture-of-Experts routing explained", item.Summary, StringComparison.Ordinal);
        Assert.EndsWith("…", item.Summary, StringComparison.Ordinal);
        Assert.Equal("Huge", item.Title);
    }

    [Theory]
    [InlineData("application/rss+xml", "/feed.xml", "https://blog.example/feed.xml")]
    [InlineData("application/atom+xml", "atom.xml", "https://blog.example/news/atom.xml")]
    [InlineData("application/feed+json", "https://cdn.example/feed.json", "https://cdn.example/feed.json")]
    public void Given_an_html_page_linking_its_feed_when_parsed_then_the_exception_names_the_absolute_feed_url(string type, string href, string expected)
    {
        var page = $"""
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="utf-8">
                <link rel="stylesheet" href="/site.css">
                <link rel="icon" type="image/png" href="/icon.png">
                <link rel="alternate" type="{type}" title="Feed" href="{href}">
              </head>
              <body><p>Hello &amp; welcome</p></body>
            </html>
            """;

        var ex = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(page), FeedUrl, "page"));

        Assert.Equal(new Uri(expected), ex.DiscoveredFeedUrl);
        Assert.Equal($"the URL serves an HTML page, not a feed (the page names a feed: {expected})", ex.Message);
    }

    [Fact]
    public void Given_an_html_page_with_a_base_href_when_its_feed_link_is_relative_then_it_is_resolved_against_the_base()
    {
        var page = """<html><head><base href="https://static.example/site/"><link rel="ALTERNATE home" type="application/atom+xml" href="feeds/all.atom"></head><body></body></html>""";

        var ex = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(page), FeedUrl, "page"));

        Assert.Equal(new Uri("https://static.example/site/feeds/all.atom"), ex.DiscoveredFeedUrl);
    }

    [Fact]
    public void Given_an_html_page_without_a_feed_link_when_parsed_then_no_feed_url_is_discovered()
    {
        var page = """<!doctype html><title>x</title><link rel="alternate" hreflang="de" href="/de/"><p>no feed</p>""";

        var ex = Assert.Throws<FeedParseException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes(page), FeedUrl, "page"));

        Assert.Null(ex.DiscoveredFeedUrl);
        Assert.Equal("the URL serves an HTML page, not a feed", ex.Message);
    }

    private static ParsedFeed Parse(string document) => FeedParser.Parse(Encoding.UTF8.GetBytes(document), FeedUrl, "hostile");
}
