using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using CsCheck;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;
using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary>
/// Property test of parse → normalize → match over generated feed documents (RSS escaped, in CDATA or sloppy, Atom,
/// JSON Feed) whose titles and descriptions are random Unicode wrapped in random markup: no exception but
/// <see cref="FeedParseException"/> ever escapes the parser (and these documents, however dirty, all parse), a keyword
/// planted in a title is always matched, and the same keyword only inside markup attributes never is. 200 documents from a fixed seed, so CI runs are repeatable.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FeedParsingPropertyTests
{
    private const string Keyword = "Quokkatron";
    private const string Seed = "0000000030Y1";
    private const int Documents = 200;

    private static readonly Uri FeedUrl = new("https://gen.example/feed");
    private static readonly TopicMatcher Matcher = TopicMatcher.Create([new TopicDefinition("t", "T", [Keyword], [])], TimeSpan.FromMilliseconds(100));

    /// <summary>Mostly letters and spaces; markup-significant ASCII; characters XML forbids (controls, U+FFFE, lone surrogates); any UTF-16 unit.</summary>
    private static readonly Gen<string> Text = Gen.String[
        Gen.Frequency(
            (8, Gen.Char['a', 'z']),
            (3, Gen.Char[" \t\n"]),
            (2, Gen.Char["<>&\"';]!#[/=-"]),
            (1, Gen.Char['\u0000', '\u001F']),
            (1, Gen.Char["\uFFFE\uFFFF\uD800\uDC00\u0085\u0092\u00A0\u200B"]),
            (2, Gen.Char['\u0080', '\u07FF']),
            (2, Gen.Char['\u0000', '\uFFFF'])),
        0,
        40];

    private static readonly Gen<string> Tag = Gen.OneOf(Gen.Const("b"), Gen.Const("i"), Gen.Const("span"), Gen.Const("p"), Gen.Const("a"), Gen.Const("em"));

    /// <summary>Random text, HTML-escaped, inside a random element whose attributes carry the keyword.</summary>
    private static readonly Gen<string> Fragment = Gen.Select(Text, Tag, (text, tag) =>
        $"<{tag} class=\"{Keyword}\" data-x='{Keyword}'>{WebUtility.HtmlEncode(text)}</{tag}>");

    private static readonly Gen<Format> Formats = Gen.Enum<Format>();

    private enum Format
    {
        RssEscaped,
        RssCData,
        RssSloppy,
        Atom,
        JsonFeed,
    }

    [Fact]
    public void Given_random_feed_documents_when_parsed_and_matched_then_each_parses_and_only_the_keyword_in_a_title_matches()
    {
        var documents = Gen.Select(Formats, Fragment, Fragment, Fragment, (format, before, after, body) =>
            (Format: format, Planted: $"{before} {Keyword} {after}", Decoy: $"{before}{after}", Body: $"<div title=\"{Keyword}\">{body}<img alt=\"{Keyword}\" src=\"https://img.example/{Keyword}.png\"></div>"));

        documents.Array[Documents].Sample(
            batch =>
            {
                foreach (var (format, planted, decoy, body) in batch)
                {
                    var feed = Parse(Render(format, planted, decoy, body));

                    Assert.Equal(2, feed.Items.Count);
                    Assert.NotEmpty(Match(feed.Items[0]));
                    Assert.Empty(Match(feed.Items[1]));
                }
            },
            seed: Seed,
            iter: 1,
            threads: 1);
    }

    private static ParsedFeed Parse(byte[] document)
    {
        try
        {
            return FeedParser.Parse(document, FeedUrl, "gen");
        }
        catch (Exception ex) when (ex is not FeedParseException)
        {
            Assert.Fail($"{ex.GetType().Name} escaped the parser: {ex.Message}");
            throw;
        }
    }

    private static IReadOnlyList<TopicEvaluation> Match(Monitor.Core.Items.FeedItem item) =>
        Matcher.Match(new MatchInput(item.Title, item.Summary, item.Categories));

    /// <summary>Two items: the first with the keyword in its title, the second with it only in markup attributes; both share the body.</summary>
    private static byte[] Render(Format format, string planted, string decoy, string body) => format switch
    {
        Format.JsonFeed => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            version = "https://jsonfeed.org/version/1.1",
            title = "Generated",
            items = new[]
            {
                new { id = "1", url = "https://gen.example/1", title = planted, content_html = body },
                new { id = "2", url = "https://gen.example/2", title = decoy, content_html = body },
            },
        })),
        Format.Atom => Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Generated</title><id>urn:gen</id><updated>2026-11-10T00:00:00Z</updated>
            <entry><id>urn:1</id><title type="html">{Xml(planted)}</title><link href="https://gen.example/1"/><updated>2026-11-10T00:00:00Z</updated><content type="html">{Xml(body)}</content></entry>
            <entry><id>urn:2</id><title type="html">{Xml(decoy)}</title><link href="https://gen.example/2"/><updated>2026-11-10T00:00:00Z</updated><content type="html">{Xml(body)}</content></entry>
            </feed>
            """),
        _ => Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Generated</title><link>https://gen.example/</link>
            <item><guid>1</guid><title>{Field(format, planted)}</title><link>https://gen.example/1</link><description>{Field(format, body)}</description></item>
            <item><guid>2</guid><title>{Field(format, decoy)}</title><link>https://gen.example/2</link><description>{Field(format, body)}</description></item>
            </channel></rss>
            """),
    };

    /// <summary>Escaped, in CDATA, or sloppy: the HTML pasted in raw with its ampersands bare, as careless publishers do.</summary>
    private static string Field(Format format, string html) => format switch
    {
        Format.RssCData => $"<![CDATA[{html.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)}]]>",
        Format.RssSloppy => html.Replace("&amp;", "&", StringComparison.Ordinal),
        _ => Xml(html),
    };

    private static string Xml(string text) => SecurityElement.Escape(text);
}
