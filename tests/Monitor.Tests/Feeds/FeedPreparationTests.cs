using System.Text;
using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary>
/// What <see cref="FeedParser"/> does to a document before any XML reader sees it (decoding into a pooled buffer; BOM,
/// leading and trailing white space, the declaration's encoding and DOCTYPEs dropped in one copy): a feed reads the
/// same whatever surrounds it, and the errors of a broken one name positions in the document as it came.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FeedPreparationTests
{
    private const string Channel = """
        <rss version="2.0"><channel><title>Wire &amp; Co</title><link>https://wire.example/</link>
        <item><guid>1</guid><title>DeepSeek V4 released</title><link>/1</link><description>&lt;p&gt;Open &lt;b&gt;weights&lt;/b&gt;&lt;/p&gt;</description><category>AI</category></item>
        <item><guid>2</guid><title>Second &#8220;story&#8221;</title><link>https://wire.example/2</link><description><![CDATA[<p>Text & more</p>]]></description></item>
        </channel></rss>
        """;

    private static readonly Uri FeedUrl = new("https://wire.example/feed.xml");

    public static TheoryData<string> Surroundings() => new()
    {
        "{0}\n",
        "\uFEFF  \r\n\t{0}",
        "{0}\r\n \t\n\n",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{0}\n",
        "<?xml version='1.0' encoding = 'windows-1251' standalone='yes'?>{0}",
        "\n\n<?xml version=\"1.0\"?>\r\n<!-- a comment -->\r\n{0}\r\n",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n{0}\n",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE rss [ <!ENTITY co \"Co\"> <!-- ] > --> ]><!DOCTYPE other>{0}  \n",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"xhtml1-strict.dtd\">{0}",
        "{0}<!-- after the root -->\n<?pi after?>\n",
    };

    [Theory]
    [MemberData(nameof(Surroundings))]
    public void Given_a_feed_with_any_bom_white_space_declaration_doctype_or_comments_around_it_when_parsed_then_it_reads_as_the_bare_feed(string surrounding)
    {
        var bare = Parse(Channel);

        var feed = Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, surrounding, Channel));

        Assert.False(feed.Recovered);
        Assert.Equal(bare.Title, feed.Title);
        Assert.Equal(Describe(bare), Describe(feed));
        Assert.Equal("Wire & Co", feed.Title);
        Assert.Equal(["DeepSeek V4 released", "Second “story”"], feed.Items.Select(i => i.Title));
        Assert.Equal("https://wire.example/1", feed.Items[0].Link);
        Assert.Equal("Open weights", feed.Items[0].Summary);
        Assert.Equal("Text & more", feed.Items[1].Summary);
    }

    [Theory]
    [InlineData("<foo>\n<bar>\n\n", "Line 4, position 1.")]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n<item><title>x\n \t\r\n", "Line 6, position 1.")]
    [InlineData("\uFEFF\n<?xml version='1.0' encoding='utf-8'?><foo><bar>\r\n", "Line 2, position 1.")]
    public void Given_a_document_broken_at_its_end_when_its_end_is_white_space_then_the_error_names_the_position_in_the_whole_document(string document, string position)
    {
        var ex = Assert.Throws<FeedParseException>(() => Parse(document));

        Assert.StartsWith("not a readable feed: Unexpected end of file has occurred.", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(position, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n  \t\r\n")]
    public void Given_a_truncated_document_ending_in_white_space_that_needs_repair_when_parsed_then_its_complete_items_are_kept(string end)
    {
        var document = "<rss version=\"2.0\"><channel><title>T&nbsp;</title><item><title>a</title></item><item><title>b</title></item><item><title>c" + end;

        var feed = Parse(document);

        Assert.True(feed.Recovered);
        Assert.Equal(["a", "b"], feed.Items.Select(i => i.Title));
    }

    [Fact]
    public void Given_a_feed_cut_at_max_items_when_it_ends_in_white_space_then_the_first_items_are_kept()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + Channel + "\r\n\r\n"), FeedUrl, "wire", maxItems: 1);

        Assert.Equal("DeepSeek V4 released", Assert.Single(feed.Items).Title);
        Assert.False(feed.Recovered);
    }

    [Fact]
    public void Given_a_utf_8_bom_before_bytes_that_are_not_utf_8_when_parsed_then_they_become_replacement_characters()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes("<rss version=\"2.0\"><channel><title>caf"), 0xE9, .. Encoding.ASCII.GetBytes("</title></channel></rss>")];

        Assert.Equal("caf\uFFFD", FeedParser.Parse(body, FeedUrl, "bom").Title);
    }

    [Fact]
    public void Given_utf_8_text_with_one_stray_byte_near_its_end_when_parsed_without_a_bom_then_the_whole_document_is_windows_1252()
    {
        var padding = string.Concat(Enumerable.Range(0, 2000).Select(i => $"<item><guid>{i}</guid><title>Item {i}</title></item>"));
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes($"<rss version=\"2.0\"><channel><title>Café</title><item><guid>x</guid><title>caf"),
            0xE9,
            .. Encoding.UTF8.GetBytes($"</title></item>{padding}</channel></rss>"),
        ];

        var feed = FeedParser.Parse(body, FeedUrl, "mixed");

        Assert.Equal("CafÃ©", feed.Title);
        Assert.Equal("café", feed.Items[0].Title);
        Assert.Equal(FeedParser.DefaultMaxItems, feed.Items.Count);
    }

    [Fact]
    public void Given_a_json_feed_after_a_bom_and_white_space_when_parsed_then_its_items_are_read()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("\r\n  {\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{\"id\":\"1\",\"url\":\"https://j.example/1\",\"title\":\"Über\"}]}\n")];

        var feed = FeedParser.Parse(body, FeedUrl, "json");

        Assert.Equal("Über", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Given_an_item_with_more_categories_than_kept_some_blank_when_parsed_then_the_first_64_that_are_not_blank_are_kept_as_plain_text()
    {
        var categories = string.Concat(Enumerable.Range(0, 80).Select(i => i % 10 == 0 ? "<category> </category>" : $"<category>&lt;b&gt;c{i}&lt;/b&gt;</category>"));

        var item = Assert.Single(Parse($"<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>t</title>{categories}</item></channel></rss>").Items);

        Assert.Equal(Enumerable.Range(0, 80).Where(i => i % 10 != 0).Take(64).Select(i => $"c{i}"), item.Categories);
    }

    [Fact]
    public void Given_an_item_with_no_categories_when_parsed_then_its_categories_are_empty()
    {
        Assert.Empty(Assert.Single(Parse("<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>t</title></item></channel></rss>").Items).Categories);
    }

    private static ParsedFeed Parse(string document) => FeedParser.Parse(Encoding.UTF8.GetBytes(document), FeedUrl, "wire");

    private static string[] Describe(ParsedFeed feed) =>
        [.. feed.Items.Select(i => $"{i.ItemKey}|{i.StoryKey}|{i.Title}|{i.Link}|{i.Published:O}|{i.Summary}|{string.Join(',', i.Categories)}")];
}
