using System.Text;
using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary><see cref="FeedParser"/> on inline documents of every supported format: identity, links, text, dates and errors.</summary>
[Trait("Category", "Unit")]
public sealed class FeedParserTests
{
    private static readonly Uri FeedUrl = new("https://feeds.example/blog/feed.xml");

    [Fact]
    public void Given_an_rss_2_0_document_when_parsed_then_each_item_has_title_absolute_link_plain_summary_utc_date_and_categories()
    {
        var feed = Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0">
              <channel>
                <title>Wire &amp; Co</title>
                <link>https://wire.example/</link>
                <description>news</description>
                <item>
                  <guid isPermaLink="false">wire-1</guid>
                  <title>DeepSeek V4 released</title>
                  <link>https://wire.example/deepseek-v4</link>
                  <description>&lt;p&gt;The model is &lt;b&gt;out&lt;/b&gt;.&lt;/p&gt;</description>
                  <pubDate>Tue, 10 Nov 2026 09:30:00 +0200</pubDate>
                  <category>Models</category>
                  <category>Open source</category>
                </item>
              </channel>
            </rss>
            """);

        Assert.Equal("Wire & Co", feed.Title);
        Assert.Equal("Rss_2_0", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal("wire", item.FeedId);
        Assert.Equal("id:wire-1", item.ItemKey);
        Assert.Equal("DeepSeek V4 released", item.Title);
        Assert.Equal("https://wire.example/deepseek-v4", item.Link);
        Assert.Equal("The model is out.", item.Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 7, 30, 0, TimeSpan.Zero), item.Published);
        Assert.Equal(["Models", "Open source"], item.Categories);
    }

    [Fact]
    public void Given_an_rss_1_0_rdf_document_when_parsed_then_items_are_read_with_their_dc_date_in_utc()
    {
        var feed = Parse("""
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://rdf.example/">
                <title>RDF news</title>
                <link>https://rdf.example/</link>
                <description>d</description>
              </channel>
              <item rdf:about="https://rdf.example/a">
                <title>Mixture of experts, explained</title>
                <link>https://rdf.example/a</link>
                <description>How routing works.</description>
                <dc:date>2026-11-10T12:00:00+01:00</dc:date>
              </item>
              <item rdf:about="https://rdf.example/b">
                <title>Second</title>
                <link>https://rdf.example/b</link>
                <description>Another.</description>
                <dc:date>2026-11-11T00:15:00-08:00</dc:date>
              </item>
            </rdf:RDF>
            """);

        Assert.Equal("Rss_1_0", feed.Format);
        Assert.Equal("RDF news", feed.Title);
        Assert.Equal(2, feed.Items.Count);
        Assert.Equal("Mixture of experts, explained", feed.Items[0].Title);
        Assert.Equal("https://rdf.example/a", feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 11, 0, 0, TimeSpan.Zero), feed.Items[0].Published);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 8, 15, 0, TimeSpan.Zero), feed.Items[1].Published);
        Assert.All(feed.Items, i => Assert.Equal(TimeSpan.Zero, i.Published!.Value.Offset));
    }

    [Fact]
    public void Given_an_atom_entry_with_published_and_updated_when_parsed_then_published_is_the_date()
    {
        var feed = Parse(Atom("""
            <entry>
              <id>urn:lab:1</id>
              <title>Published wins</title>
              <link rel="alternate" href="https://lab.example/1"/>
              <published>2026-11-10T08:00:00+01:00</published>
              <updated>2026-11-12T18:00:00Z</updated>
              <summary>s</summary>
            </entry>
            """));

        Assert.Equal("Atom", feed.Format);
        var item = Assert.Single(feed.Items);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 7, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal("id:urn:lab:1", item.ItemKey);
    }

    [Fact]
    public void Given_an_atom_entry_with_only_updated_when_parsed_then_updated_is_the_date_in_utc()
    {
        var feed = Parse(Atom("""
            <entry>
              <id>urn:lab:2</id>
              <title>Only updated</title>
              <link rel="alternate" href="https://lab.example/2"/>
              <updated>2026-11-11T10:00:00-05:00</updated>
              <summary>s</summary>
            </entry>
            """));

        var item = Assert.Single(feed.Items);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 15, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal(TimeSpan.Zero, item.Published!.Value.Offset);
    }

    [Fact]
    public void Given_an_atom_entry_with_several_links_when_parsed_then_the_rel_alternate_link_is_the_item_link()
    {
        var feed = Parse(Atom("""
            <entry>
              <id>urn:lab:3</id>
              <title>Many links</title>
              <link rel="replies" type="text/html" href="https://lab.example/3/comments"/>
              <link rel="edit" href="https://lab.example/api/3"/>
              <link rel="alternate" type="text/html" href="https://lab.example/3"/>
              <link rel="enclosure" href="https://cdn.lab.example/3.mp3"/>
              <published>2026-11-10T08:00:00Z</published>
            </entry>
            """));

        Assert.Equal("https://lab.example/3", Assert.Single(feed.Items).Link);
    }

    [Fact]
    public void Given_an_atom_document_without_xml_base_or_site_link_when_an_href_is_relative_then_it_is_resolved_against_the_feed_url()
    {
        var feed = Parse(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Lab</title>
              <id>urn:lab</id>
              <updated>2026-11-10T00:00:00Z</updated>
              <entry>
                <id>urn:lab:rel-1</id>
                <title>Path relative</title>
                <link rel="alternate" href="posts/1"/>
                <published>2026-11-10T08:00:00Z</published>
              </entry>
              <entry>
                <id>urn:lab:rel-2</id>
                <title>Root relative</title>
                <link rel="alternate" href="/posts/2?page=1"/>
                <published>2026-11-10T08:00:00Z</published>
              </entry>
            </feed>
            """,
            new Uri("https://lab.example/blog/feed.atom"));

        Assert.Equal("https://lab.example/blog/posts/1", feed.Items[0].Link);
        Assert.Equal("https://lab.example/posts/2?page=1", feed.Items[1].Link);
        Assert.Equal("link:https://lab.example/blog/posts/1", feed.Items[0].StoryKey);
    }

    [Fact]
    public void Given_an_rss_item_with_a_relative_link_when_parsed_then_the_link_is_absolute_on_the_site()
    {
        var feed = Parse(Rss(
            """
            <item><guid>r1</guid><title>Relative</title><link>/2026/11/relative-post</link></item>
            """,
            siteLink: "https://feeds.example/"));

        var item = Assert.Single(feed.Items);
        Assert.Equal("https://feeds.example/2026/11/relative-post", item.Link);
        Assert.True(Uri.IsWellFormedUriString(item.Link, UriKind.Absolute));
    }

    [Fact]
    public void Given_a_json_feed_1_1_when_parsed_then_content_html_is_plain_text_dates_are_utc_tags_are_categories_and_links_absolute()
    {
        var feed = Parse(
            """
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "CN",
              "home_page_url": "https://cn.example/",
              "items": [
                {
                  "id": "json-1",
                  "url": "/news/1",
                  "title": "深度求索发布新模型",
                  "content_html": "<p>深度求索今天发布了<b>新的</b>大模型 &amp; 权重。</p>",
                  "date_published": "2026-11-10T10:00:00+08:00",
                  "tags": ["AI", "Open weights"]
                }
              ]
            }
            """,
            new Uri("https://cn.example/feed.json"));

        Assert.Equal("JsonFeed", feed.Format);
        Assert.Equal("CN", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("id:json-1", item.ItemKey);
        Assert.Equal("深度求索发布新模型", item.Title);
        Assert.Equal("https://cn.example/news/1", item.Link);
        Assert.Equal("深度求索今天发布了新的大模型 & 权重。", item.Summary);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 2, 0, 0, TimeSpan.Zero), item.Published);
        Assert.Equal(TimeSpan.Zero, item.Published!.Value.Offset);
        Assert.Equal(["AI", "Open weights"], item.Categories);
    }

    /// <summary>
    /// FeedItem.Published is documented as "published (or updated) date, if the feed has any" and Atom falls back to
    /// &lt;updated&gt;; a JSON Feed item with only date_modified must fall back the same way.
    /// </summary>
    [Fact]
    public void Given_a_json_feed_item_with_only_date_modified_when_parsed_then_that_date_is_used()
    {
        var feed = Parse("""
            {
              "version": "https://jsonfeed.org/version/1.1",
              "title": "J",
              "items": [
                { "id": "m1", "url": "https://json.example/m1", "title": "Modified only", "content_text": "x", "date_modified": "2026-11-10T08:00:00+01:00" }
              ]
            }
            """);

        Assert.Equal(new DateTimeOffset(2026, 11, 10, 7, 0, 0, TimeSpan.Zero), Assert.Single(feed.Items).Published);
    }

    [Fact]
    public void Given_html_in_a_description_when_parsed_then_the_summary_is_plain_text_with_entities_decoded_and_no_tags_or_attribute_values()
    {
        var feed = Parse(Rss("""
            <item>
              <guid>h1</guid>
              <title>Markup</title>
              <link>https://wire.example/markup</link>
              <description><![CDATA[<div class="DeepSeek-class" data-topic="H100-attr"><p>Caf&eacute; &amp; <a href="https://evil.example/x" title="tooltip-attr">r&eacute;sum&eacute;</a> &lt;tag&gt; &#8212; &quot;ok&quot;</p><script>var secretScript = 1;</script><style>.hidden-style{}</style><img src="https://img.example/i.png" alt="alt-attr"></div>]]></description>
            </item>
            """));

        var summary = Assert.Single(feed.Items).Summary;
        Assert.Equal("Café & résumé <tag> — \"ok\"", summary);
        foreach (var leaked in new[] { "DeepSeek-class", "H100-attr", "evil.example", "tooltip-attr", "secretScript", "hidden-style", "img.example", "alt-attr", "<div", "<p", "&amp;", "&eacute;" })
        {
            Assert.DoesNotContain(leaked, summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Given_markup_in_a_title_when_parsed_then_the_title_is_plain_text()
    {
        var feed = Parse(Atom("""
            <entry>
              <id>urn:t:1</id>
              <title type="html">&lt;b class="x-attr"&gt;GPT-6&lt;/b&gt; &amp;amp; friends&lt;script&gt;alert(1)&lt;/script&gt;</title>
              <link rel="alternate" href="https://lab.example/t1"/>
              <published>2026-11-10T08:00:00Z</published>
            </entry>
            """));

        var title = Assert.Single(feed.Items).Title;
        Assert.Equal("GPT-6 & friends", title);
        Assert.DoesNotContain("<", title, StringComparison.Ordinal);
        Assert.DoesNotContain("x-attr", title, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_items_without_guid_when_parsed_then_the_item_key_is_the_canonical_link()
    {
        var feed = Parse(Rss("""
            <item><title>No guid</title><link>https://News.Example/a?utm_source=rss&amp;id=5#top</link></item>
            """));

        var item = Assert.Single(feed.Items);
        Assert.Equal("link:https://news.example/a?id=5", item.ItemKey);
        Assert.Equal(item.ItemKey, item.StoryKey);
    }

    [Fact]
    public void Given_items_without_guid_or_link_when_parsed_then_the_item_key_is_a_stable_content_hash()
    {
        const string Items = """
            <item><title>Hash me</title><description>First body</description></item>
            <item><title>Hash me</title><description>Second body</description></item>
            """;

        var first = Parse(Rss(Items));
        var again = Parse(Rss(Items));

        Assert.Equal(2, first.Items.Count);
        Assert.All(first.Items, i => Assert.StartsWith("hash:", i.ItemKey, StringComparison.Ordinal));
        Assert.All(first.Items, i => Assert.Null(i.Link));
        Assert.NotEqual(first.Items[0].ItemKey, first.Items[1].ItemKey);
        Assert.Equal(first.Items.Select(i => i.ItemKey), again.Items.Select(i => i.ItemKey));
        Assert.StartsWith("title:", first.Items[0].StoryKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_same_story_in_an_rss_and_an_atom_feed_with_tracking_parameters_fragment_and_host_case_when_parsed_then_story_keys_are_equal()
    {
        var rss = Parse(Rss("""
            <item><guid>wire-1</guid><title>DeepSeek V4 released with open weights</title><link>https://news.example/deepseek-v4?utm_source=wire&amp;utm_medium=rss</link></item>
            <item><guid>wire-2</guid><title>Other</title><link>https://news.example/other</link></item>
            """));
        var atom = Parse(Atom("""
            <entry>
              <id>urn:lab:1</id>
              <title>DeepSeek releases V4</title>
              <link rel="alternate" href="https://NEWS.example/deepseek-v4#comments"/>
              <published>2026-11-10T08:00:00Z</published>
            </entry>
            """));

        var fromWire = rss.Items[0];
        var fromLab = Assert.Single(atom.Items);
        Assert.Equal(fromWire.StoryKey, fromLab.StoryKey);
        Assert.Equal("link:https://news.example/deepseek-v4", fromLab.StoryKey);
        Assert.NotEqual(fromWire.ItemKey, fromLab.ItemKey);
        Assert.NotEqual(fromWire.StoryKey, rss.Items[1].StoryKey);
    }

    [Fact]
    public void Given_links_differing_in_a_meaningful_query_parameter_when_parsed_then_story_keys_differ()
    {
        var feed = Parse(Rss("""
            <item><guid>q1</guid><title>Article five</title><link>https://news.example/article?id=5&amp;utm_campaign=x</link></item>
            <item><guid>q2</guid><title>Article six</title><link>https://news.example/article?id=6&amp;utm_campaign=x</link></item>
            """));

        Assert.Equal("link:https://news.example/article?id=5", feed.Items[0].StoryKey);
        Assert.Equal("link:https://news.example/article?id=6", feed.Items[1].StoryKey);
    }

    [Fact]
    public void Given_rss_dates_in_various_zones_when_parsed_then_all_are_the_same_instant_in_utc()
    {
        var feed = Parse(Rss("""
            <item><guid>d1</guid><title>Plus two</title><pubDate>Tue, 10 Nov 2026 11:30:00 +0200</pubDate></item>
            <item><guid>d2</guid><title>GMT</title><pubDate>Tue, 10 Nov 2026 09:30:00 GMT</pubDate></item>
            <item><guid>d3</guid><title>EST</title><pubDate>Tue, 10 Nov 2026 04:30:00 EST</pubDate></item>
            <item><guid>d4</guid><title>Minus</title><pubDate>Tue, 10 Nov 2026 01:30:00 -0800</pubDate></item>
            """));

        var expected = new DateTimeOffset(2026, 11, 10, 9, 30, 0, TimeSpan.Zero);
        Assert.Equal(4, feed.Items.Count);
        Assert.All(feed.Items, i =>
        {
            Assert.Equal(expected, i.Published);
            Assert.Equal(TimeSpan.Zero, i.Published!.Value.Offset);
        });
    }

    [Fact]
    public void Given_items_without_any_date_when_parsed_then_published_is_null_in_every_format()
    {
        var rss = Parse(Rss("<item><guid>n1</guid><title>Undated</title><link>https://wire.example/n1</link></item>"));
        var json = Parse("""
            { "version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [ { "id": "n2", "url": "https://json.example/n2", "title": "Undated", "content_text": "x" } ] }
            """);

        Assert.Null(Assert.Single(rss.Items).Published);
        Assert.Null(Assert.Single(json.Items).Published);
    }

    [Fact]
    public void Given_the_same_item_twice_in_one_document_when_parsed_then_it_is_kept_once()
    {
        var feed = Parse(Rss("""
            <item><guid>dup</guid><title>Twice by guid</title><link>https://wire.example/dup</link></item>
            <item><guid>other</guid><title>Other</title><link>https://wire.example/other</link></item>
            <item><guid>dup</guid><title>Twice by guid</title><link>https://wire.example/dup</link></item>
            <item><title>Twice by link</title><link>https://wire.example/by-link?utm_source=a</link></item>
            <item><title>Twice by link</title><link>https://wire.example/by-link#again</link></item>
            """));

        Assert.Equal(["id:dup", "id:other", "link:https://wire.example/by-link"], feed.Items.Select(i => i.ItemKey));
    }

    [Fact]
    public void Given_an_html_page_naming_its_feed_when_parsed_then_the_error_says_it_is_an_html_page_and_names_the_feed_link()
    {
        var ex = Assert.Throws<FeedParseException>(() => Parse("""
            <!DOCTYPE html>
            <html>
              <head>
                <title>A blog</title>
                <link rel="stylesheet" href="/site.css">
                <link rel="alternate" type="application/rss+xml" title="RSS" href="https://blog.example/feed.xml">
              </head>
              <body><p>Hello</p></body>
            </html>
            """));

        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https://blog.example/feed.xml", ex.Message, StringComparison.Ordinal);
        AssertOneLine(ex.Message);
    }

    [Fact]
    public void Given_an_html_page_without_a_feed_link_when_parsed_then_the_error_says_it_is_an_html_page()
    {
        var ex = Assert.Throws<FeedParseException>(() => Parse("\n  <html><head><title>Just a page</title></head><body>Hi</body></html>"));

        Assert.Equal("the URL serves an HTML page, not a feed", ex.Message);
    }

    /// <summary>Pages that open with an XML prolog (XHTML) or a comment are HTML pages too, and should be reported as such.</summary>
    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://blog.example/feed.xml\"/></head><body><p>x</p></body></html>")]
    [InlineData("<!-- generated by the CMS -->\n<!DOCTYPE html>\n<html><head><title>x</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://blog.example/feed.xml\"></head><body>x</body></html>")]
    public void Given_an_html_page_with_a_prolog_or_leading_comment_when_parsed_then_the_error_still_says_it_is_an_html_page(string page)
    {
        var ex = Assert.Throws<FeedParseException>(() => Parse(page));

        Assert.Contains("HTML page", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https://blog.example/feed.xml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_empty_body_when_parsed_then_a_readable_feed_parse_exception_is_thrown()
    {
        var ex = Assert.Throws<FeedParseException>(() => FeedParser.Parse([], FeedUrl, "wire"));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        AssertOneLine(ex.Message);
        Assert.Contains("empty", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<rss><channel><item><title>unterminated")]
    [InlineData("this is not a feed\nsecond line\r\nthird line")]
    [InlineData("{\"hello\": \"world\"}")]
    [InlineData("<?xml version=\"1.0\"?><catalog><book>xml but no feed</book></catalog>")]
    public void Given_garbage_when_parsed_then_a_feed_parse_exception_with_a_one_line_message_is_thrown(string body)
    {
        var ex = Assert.Throws<FeedParseException>(() => Parse(body));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        AssertOneLine(ex.Message);
        Assert.StartsWith("not a ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("HTML page", ex.Message, StringComparison.Ordinal);
    }

    private static ParsedFeed Parse(string document, Uri? feedUrl = null) =>
        FeedParser.Parse(Encoding.UTF8.GetBytes(document), feedUrl ?? FeedUrl, "wire");

    private static void AssertOneLine(string message) =>
        Assert.True(message.IndexOfAny(['\r', '\n']) < 0, $"expected one line, got: {message}");

    private static string Rss(string items, string siteLink = "https://wire.example/") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0">
          <channel>
            <title>Wire</title>
            <link>{siteLink}</link>
            <description>fixture</description>
            {items}
          </channel>
        </rss>
        """;

    private static string Atom(string entries) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Lab</title>
          <id>urn:lab</id>
          <updated>2026-11-12T00:00:00Z</updated>
          <link rel="alternate" href="https://lab.example/"/>
          {entries}
        </feed>
        """;
}
