using Monitor.Core.Text;

namespace Monitor.Core.Tests.Text;

[Trait("Category", "Unit")]
public sealed class HtmlTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("<p></p>")]
    [InlineData("<!-- only a comment -->")]
    public void Empty_or_invisible_input_gives_empty_string(string? html) =>
        Assert.Equal(string.Empty, HtmlText.ToPlainText(html));

    [Fact]
    public void Plain_text_without_markup_is_returned_unchanged() =>
        Assert.Equal("DeepSeek releases V4", HtmlText.ToPlainText("DeepSeek releases V4"));

    [Fact]
    public void Plain_text_whitespace_is_collapsed_and_trimmed() =>
        Assert.Equal("a b c", HtmlText.ToPlainText("  a \t\r\n b\u00A0\u2003 c \n"));

    [Fact]
    public void Tags_are_dropped() =>
        Assert.Equal("Hello world", HtmlText.ToPlainText("<div class=\"x\"><a href=\"https://e.com\">Hello</a> world</div>"));

    [Theory]
    [InlineData("<p>a</p><p>b</p>", "a b")]
    [InlineData("a<br>b", "a b")]
    [InlineData("a<br/>b", "a b")]
    [InlineData("<ul><li>one</li><li>two</li></ul>", "one two")]
    [InlineData("<h1>Title</h1><div>Body</div>", "Title Body")]
    [InlineData("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b c")]
    [InlineData("<blockquote>q</blockquote>after", "q after")]
    [InlineData("<pre>code</pre>text", "code text")]
    [InlineData("word<img src=\"x.png\">word", "word word")]
    [InlineData("a<hr>b", "a b")]
    [InlineData("a<custom-element>b</custom-element>c", "a b c")]
    public void Block_elements_separate_words(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("Deep<b>Seek</b>", "DeepSeek")]
    [InlineData("Deep<strong>Seek</strong>-V4", "DeepSeek-V4")]
    [InlineData("<i>Open</i><span>AI</span>", "OpenAI")]
    [InlineData("Gem<a href=\"/x\">ini</a>", "Gemini")]
    [InlineData("Deep<!-- x -->Seek", "DeepSeek")]
    [InlineData("super<wbr>intelligence", "superintelligence")]
    [InlineData("H<sub>2</sub>O", "H2O")]
    public void Inline_elements_and_comments_do_not_insert_space(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void Tag_names_are_case_insensitive() =>
        Assert.Equal("DeepSeek V4", HtmlText.ToPlainText("Deep<B>Seek</B><P>V4</P><SCRIPT>alert(1)</SCRIPT>"));

    [Theory]
    [InlineData("a<script>var x = '<p>hidden</p>';</script>b", "a b")]
    [InlineData("a<SCRIPT type=\"text/javascript\">hidden()</SCRIPT >b", "a b")]
    [InlineData("a<style>p { color: red; }</style>b", "a b")]
    [InlineData("<html><head><title>Hidden</title><meta charset=\"utf-8\"></head><body>Visible</body></html>", "Visible")]
    [InlineData("a<template><p>hidden</p></template>b", "a b")]
    [InlineData("a<noscript>Enable JavaScript</noscript>b", "a b")]
    [InlineData("a<iframe src=\"x\">fallback</iframe>b", "a b")]
    [InlineData("a<svg viewBox=\"0 0 1 1\"><text>hidden</text></svg>b", "a b")]
    public void Content_of_hidden_elements_is_dropped(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void Script_end_tag_must_be_the_real_one() =>
        Assert.Equal("a b", HtmlText.ToPlainText("a<script>x = '</scripts>'; y();</script>b"));

    [Fact]
    public void Self_closing_svg_hides_nothing() =>
        Assert.Equal("a b", HtmlText.ToPlainText("a<svg/>b"));

    [Theory]
    [InlineData("a &amp; b", "a & b")]
    [InlineData("&lt;p&gt; is a tag", "<p> is a tag")]
    [InlineData("caf&eacute;", "café")]
    [InlineData("a&mdash;b", "a—b")]
    [InlineData("&quot;quoted&quot; &apos;x&apos;", "\"quoted\" 'x'")]
    [InlineData("OpenAI&rsquo;s &hellip;", "OpenAI’s …")]
    [InlineData("&#233;t&#xE9; &#X45;", "été E")]
    [InlineData("&#128512;", "😀")]
    [InlineData("&#39", "'")]
    [InlineData("&#146;&#150;", "’–")]
    [InlineData("&#0; &#xD800; &#99999999;", "\uFFFD \uFFFD \uFFFD")]
    public void Entities_are_decoded(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void Nbsp_entity_is_whitespace() =>
        Assert.Equal("a b", HtmlText.ToPlainText("a&nbsp;&nbsp; b"));

    [Theory]
    [InlineData("AT&T", "AT&T")]
    [InlineData("a && b", "a && b")]
    [InlineData("&unknownentity; &", "&unknownentity; &")]
    [InlineData("&amp;nbsp;", "&nbsp;")]
    [InlineData("&#;", "&#;")]
    public void Ampersands_that_are_not_entities_are_kept(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("a < b", "a < b")]
    [InlineData("x<3 and y<=4", "x<3 and y<=4")]
    [InlineData("1<2>0", "1<2>0")]
    [InlineData("if a<b then", "if a<b then")]
    [InlineData("<<p>x", "< x")]
    [InlineData("ends with <", "ends with <")]
    [InlineData("<", "<")]
    public void Plain_text_with_less_than_survives(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("a<!-- unclosed comment", "a")]
    [InlineData("a<script>never closed", "a")]
    [InlineData("<p>unclosed <b>bold", "unclosed bold")]
    [InlineData("a <p b", "a <p b")]
    [InlineData("<a href=\"x>y\">link</a>", "link")]
    [InlineData("<a title='x > y'>link</a>", "link")]
    [InlineData("<a href=\"unclosed>link</a>", "link")]
    [InlineData("<!DOCTYPE html><p>x</p>", "x")]
    [InlineData("<?xml version=\"1.0\"?><p>x</p>", "x")]
    [InlineData("</>x", "</>x")]
    [InlineData("<!-->x", "x")]
    [InlineData("<!--->x", "x")]
    public void Malformed_input_is_handled(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("<![CDATA[DeepSeek V4]]>", "DeepSeek V4")]
    [InlineData("before <![CDATA[<p>inside</p>]]> after", "before inside after")]
    [InlineData("<![CDATA[unclosed", "unclosed")]
    [InlineData("<![CDATA[a]]>]]>", "a]]>")]
    public void Cdata_markers_are_removed_and_content_kept(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void Markup_words_never_appear_in_the_output()
    {
        const string html =
            "<!DOCTYPE html><html lang=\"en\"><head><style>.div { display: block }</style></head>" +
            "<body class=\"main\"><div id=\"div1\" class=\"span\" style=\"color:red\" data-x='href'>" +
            "<a href=\"https://example.com/div\" target=\"_blank\" rel=\"noopener\">News</a>" +
            "<img src=\"img.png\" alt=\"\"/><span class=\"class\">about</span> <br/>models" +
            "<script src=\"x.js\"></script></div></body></html>";

        string text = HtmlText.ToPlainText(html);

        Assert.Equal("News about models", text);
        foreach (string word in new[] { "div", "class", "href", "span", "style", "script", "html", "body", "img", "src" })
        {
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Garbage_input_never_throws()
    {
        string[] inputs =
        [
            "<", ">", "&", "&#", "&#x", "&#x;", "<!", "<!-", "<!--", "<![CDATA[", "<?", "</", "</a", "<a", "<a href=\"",
            "<script", "<script>", "<script></scr", "&amp", "&nbsp", "<<<<>>>>", "<a<b<c", "\uD800<p>\uDC00", "<p \"'>x",
            new string('<', 1000), string.Concat(Enumerable.Repeat("<![CDATA[", 1000)), string.Concat(Enumerable.Repeat("<a x='", 500)),
        ];

        foreach (string input in inputs)
        {
            _ = HtmlText.ToPlainText(input);
        }
    }

    [Fact]
    public void Large_pathological_input_is_processed_in_linear_time()
    {
        string[] inputs =
        [
            string.Concat(Enumerable.Repeat("<a b", 50_000)),
            string.Concat(Enumerable.Repeat("<![CDATA[x", 50_000)),
            string.Concat(Enumerable.Repeat("<a x='1>", 50_000)),
            string.Concat(Enumerable.Repeat("<p>word &amp; ", 50_000)),
        ];

        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (string input in inputs)
        {
            _ = HtmlText.ToPlainText(input);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}
