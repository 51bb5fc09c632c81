using AngleSharp.Html.Parser;
using CsCheck;
using Monitor.Digests;
using Monitor.Digests.Highlighting;
using Monitor.Digests.Rendering;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary>
/// Hostile story text never becomes markup in the HTML mail, and highlighted snippets are always well-formed. Stored
/// titles and summaries are plain text, but a feed can carry markup as text (entity-encoded), so it must come out as
/// visible text: no element, attribute or URL of it may survive.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DigestSafetyTests
{
    private const string Hostile =
        "DeepSeek <script>alert('t')</script><iframe src=\"javascript:alert(1)\"></iframe><img src=x onerror=alert(2)>" +
        "<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">click</a><style>body{display:none}</style><svg onload=alert(5)></svg>";

    [Fact]
    public void Given_a_story_whose_title_summary_and_link_are_hostile_when_the_mail_is_created_then_no_script_frame_image_handler_or_javascript_url_survives()
    {
        var digest = Build(Subscriber("models"),
        [
            Match(1, "wire", Hostile, "javascript:alert(6)", Now, "models", summary: Hostile + " more DeepSeek text"),
            Match(2, "lab", "DeepSeek <iframe srcdoc=x> title", "https://lab.example/ok", Now.AddHours(-1), "models", summary: "onerror=alert(7) <script src=//evil.example/x.js></script>"),
        ]);

        var html = new DigestMessageFactory().Create(digest, "Monitor <monitor@test.local>").HtmlBody!;

        foreach (var tag in new[] { "<script", "<iframe", "<img", "<svg", "<a href=\"javascript", "<style>body" })
        {
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
        }

        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, iframe, img, svg, object, embed, frame, link"));
        Assert.Empty(document.Body!.QuerySelectorAll("style"));
        var attributes = document.All.SelectMany(e => e.Attributes).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Value.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.All(document.QuerySelectorAll("a[href]"), a => Assert.Matches("^(https?|mailto):", a.GetAttribute("href")!));

        // The text is still there for the reader, as text.
        Assert.Contains("<script>alert('t')</script>", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("onerror=alert(7)", document.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_markup_in_html_given_to_the_snippet_sanitizer_then_only_bare_marks_remain_and_get_the_inline_style()
    {
        var html = SnippetHtml.Sanitize("<mark onclick=\"x()\" style=\"background:url(javascript:x)\">ok</mark><script>x()</script><img src=http://remote.example/p.png><a href=\"javascript:y()\">z</a> tail");

        Assert.Equal($"<mark style=\"{SnippetHtml.MarkStyle}\">ok</mark> tail", html);
    }

    /// <summary>Any text with any terms: the snippet HTML parses back to the same text, the marks to the highlighted runs.</summary>
    [Fact]
    public void Given_any_snippet_and_terms_when_rendered_as_html_then_it_is_well_formed_and_its_text_and_marks_round_trip()
    {
        var highlighter = new TermHighlighter();
        var parser = new HtmlParser();
        var pieces = Gen.OneOf("DeepSeek", "deepseek", " ", "<", ">", "&", "\"", "'", "&amp;", "<mark>", "</mark>", "<b>", "-->", "<!--", "深度求索", "V4", "😀", "\u00A0", "é", "script");
        var terms = Gen.OneOf("DeepSeek", "深度求索", "V4", "/[<>&]+/", "script", "/mark/");
        Gen.Select(pieces.Array[0, 30].Select(p => string.Concat(p)), terms.Array[0, 4]).Sample((text, chosen) =>
        {
            var highlight = highlighter.Highlight(text, chosen);

            var html = SnippetHtml.Render(highlight);

            var body = parser.ParseDocument("<!DOCTYPE html><html><body><p id=s>" + html + "</p></body></html>").GetElementById("s")!;
            Assert.Equal(text, body.TextContent);
            Assert.Equal(highlight.Runs().Where(r => r.Marked).Select(r => r.Run), body.Children.Select(c => c.TextContent));
            Assert.All(body.Children, c => Assert.Equal("MARK", c.TagName));
        }, iter: 2000);
    }
}
