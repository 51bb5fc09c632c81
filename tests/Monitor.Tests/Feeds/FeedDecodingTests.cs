using System.Text;
using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

/// <summary>
/// <see cref="FeedParser"/> on bytes in many encodings: BOM first, then the HTTP charset (it wins over the XML
/// declaration), then the declaration, then UTF-8, falling back to windows-1252 when the bytes are not UTF-8.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FeedDecodingTests
{
    private const string Cyrillic = "Выпущена модель DeepSeek с открытыми весами";
    private const string Chinese = "深度求索发布新模型";
    private static readonly Uri FeedUrl = new("https://feeds.example/feed.xml");

    static FeedDecodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Given_a_windows_1251_cyrillic_feed_declaring_its_encoding_when_parsed_then_titles_and_text_are_cyrillic()
    {
        var body = Encoding.GetEncoding("windows-1251").GetBytes(Rss("windows-1251", Cyrillic, "Новости ИИ"));

        var feed = FeedParser.Parse(body, FeedUrl, "ru");

        Assert.Equal("Новости ИИ", feed.Title);
        Assert.Equal(Cyrillic, Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Given_a_gbk_chinese_feed_declaring_gbk_when_parsed_then_the_chinese_text_is_read()
    {
        var body = Encoding.GetEncoding("GBK").GetBytes(Rss("GBK", Chinese, "人工智能新闻"));

        var feed = FeedParser.Parse(body, FeedUrl, "cn");

        Assert.Equal("人工智能新闻", feed.Title);
        Assert.Equal(Chinese, Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData("koi8-r", "Новая модель")]
    [InlineData("iso-8859-5", "Новая модель")]
    [InlineData("iso-8859-2", "Zażółć gęślą jaźń")]
    [InlineData("iso-8859-7", "Νέο μοντέλο")]
    [InlineData("iso-8859-15", "Modèle à 5 € près")]
    [InlineData("gb2312", "新模型发布")]
    [InlineData("gb18030", "新模型发布")]
    [InlineData("big5", "新模型發佈")]
    [InlineData("shift_jis", "新しいモデルを公開")]
    [InlineData("euc-jp", "新しいモデルを公開")]
    [InlineData("euc-kr", "새로운 모델 출시")]
    public void Given_a_feed_in_a_legacy_encoding_named_by_its_xml_declaration_when_parsed_then_the_text_is_read(string encoding, string title)
    {
        var body = Encoding.GetEncoding(encoding).GetBytes(Rss(encoding, title, "Feed"));

        Assert.Equal(title, Assert.Single(FeedParser.Parse(body, FeedUrl, "legacy").Items).Title);
    }

    [Fact]
    public void Given_a_declaration_naming_the_wrong_encoding_when_the_http_charset_names_the_right_one_then_the_http_charset_wins()
    {
        var body = Encoding.GetEncoding("windows-1251").GetBytes(Rss("utf-8", Cyrillic, "Новости"));

        var feed = FeedParser.Parse(body, FeedUrl, "ru", contentType: "application/rss+xml; charset=\"windows-1251\"");

        Assert.Equal(Cyrillic, Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Given_utf_8_bytes_declared_latin_1_when_the_http_charset_says_utf_8_then_the_text_is_not_double_decoded()
    {
        var body = Encoding.UTF8.GetBytes(Rss("iso-8859-1", "Café naïve — déjà vu", "Feed"));

        var feed = FeedParser.Parse(body, FeedUrl, "fr", contentType: "text/xml;charset=UTF-8");

        Assert.Equal("Café naïve — déjà vu", Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData("utf-16", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-16", false)]
    [InlineData("utf-16BE", false)]
    [InlineData("utf-32", true)]
    [InlineData("utf-32BE", false)]
    public void Given_a_utf_16_or_utf_32_feed_with_or_without_a_bom_when_parsed_then_the_text_is_read(string encoding, bool withBom)
    {
        var text = Encoding.GetEncoding(encoding);
        var body = (withBom ? text.GetPreamble() : []).Concat(text.GetBytes(Rss(encoding, Chinese + " / " + Cyrillic, "Wide"))).ToArray();

        var feed = FeedParser.Parse(body, FeedUrl, "wide");

        Assert.Equal("Wide", feed.Title);
        Assert.Equal(Chinese + " / " + Cyrillic, Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Given_a_utf_8_bom_and_a_declaration_saying_otherwise_when_parsed_then_the_bom_wins()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Rss("iso-8859-1", "Zürich — Ωmega", "Feed"))).ToArray();

        Assert.Equal("Zürich — Ωmega", Assert.Single(FeedParser.Parse(body, FeedUrl, "bom").Items).Title);
    }

    [Fact]
    public void Given_windows_1252_bytes_without_any_declared_encoding_when_parsed_then_they_are_read_as_windows_1252()
    {
        var body = Encoding.GetEncoding("windows-1252").GetBytes(Rss(null, "Café “quoted” – naïve", "Feed"));

        Assert.Equal("Café “quoted” – naïve", Assert.Single(FeedParser.Parse(body, FeedUrl, "legacy").Items).Title);
    }

    [Fact]
    public void Given_an_http_charset_of_us_ascii_on_utf_8_bytes_when_parsed_then_they_are_read_as_utf_8()
    {
        var body = Encoding.UTF8.GetBytes(Rss(null, "Ünïcödé — “ok”", "Feed"));

        Assert.Equal("Ünïcödé — “ok”", Assert.Single(FeedParser.Parse(body, FeedUrl, "ascii", contentType: "text/xml; charset=us-ascii").Items).Title);
    }

    [Fact]
    public void Given_an_unknown_encoding_name_when_parsed_then_utf_8_is_assumed()
    {
        var body = Encoding.UTF8.GetBytes(Rss("x-bogus-charset", "Ünïcödé", "Feed"));

        Assert.Equal("Ünïcödé", Assert.Single(FeedParser.Parse(body, FeedUrl, "bogus", contentType: "text/xml; charset=nonsense").Items).Title);
    }

    [Fact]
    public void Given_windows_1252_punctuation_decoded_as_c1_control_characters_when_parsed_then_it_is_read_as_windows_1252()
    {
        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Rss("utf-8", "don\u0092t \u0093quote\u0094 \u0080 5", "Feed")), FeedUrl, "c1");

        Assert.Equal("don’t “quote” € 5", Assert.Single(feed.Items).Title);
    }

    private static string Rss(string? encoding, string itemTitle, string channelTitle) => $"""
        <?xml version="1.0"{(encoding is null ? string.Empty : $" encoding=\"{encoding}\"")}?>
        <rss version="2.0">
          <channel>
            <title>{channelTitle}</title>
            <link>https://feeds.example/</link>
            <description>d</description>
            <item><guid>1</guid><title>{itemTitle}</title><link>https://feeds.example/1</link></item>
          </channel>
        </rss>
        """;
}
