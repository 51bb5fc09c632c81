using System.Text.RegularExpressions;
using Monitor.Digests;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary><see cref="DigestRenderer"/>: escaping, safe links, the text part matching the HTML part, local times.</summary>
[Trait("Category", "Unit")]
public sealed partial class DigestRendererTests
{
    [Fact]
    public void Given_a_title_and_snippet_containing_markup_when_rendered_as_html_then_they_are_escaped_and_never_tags()
    {
        var digest = Build(Subscriber("models"),
        [
            Match(1, "R&D <Weekly>", "<script>alert('x')</script> DeepSeek & \"friends\"", "https://wire.example/xss?a=1&b=2", Now, "models", summary: "<img src=x onerror=alert(1)> body & more"),
        ]);

        var html = Renderer.RenderHtml(digest);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; DeepSeek &amp; &quot;friends&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; body &amp; more", html, StringComparison.Ordinal);
        Assert.Contains("R&amp;D &lt;Weekly&gt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://wire.example/xss?a=1&amp;b=2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_ordinary_stories_when_rendered_as_html_then_every_href_is_an_http_or_https_story_link()
    {
        var digest = Build(Subscriber("models", "export"),
        [
            Match(1, "wire", "DeepSeek V4 released", "https://wire.example/v4?utm_source=x", Now.AddHours(-2), "models"),
            Match(2, "lab", "H100 rules", "http://lab.example/h100", Now.AddHours(-1), "export"),
            Match(3, "cn", "DeepSeek without a link", null, Now.AddHours(-3), "models"),
        ]);

        var html = Renderer.RenderHtml(digest);

        var hrefs = HrefPattern().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["http://lab.example/h100", "https://wire.example/v4"], hrefs.Order(StringComparer.Ordinal));
        Assert.Contains(">DeepSeek without a link<", html, StringComparison.Ordinal);
    }

    /// <summary>The renderer must not trust its input: a link that is not http(s) is shown as no link at all.</summary>
    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    public void Given_a_story_whose_link_is_not_http_when_rendered_as_html_then_no_href_carries_it(string link)
    {
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek odd link", link, Now, "models")]);

        var html = Renderer.RenderHtml(digest);

        Assert.DoesNotContain("href=\"" + link.Split(':')[0] + ":", html, StringComparison.OrdinalIgnoreCase);
        Assert.All(HrefPattern().Matches(html), m => Assert.Matches("^https?://", m.Groups[1].Value));
    }

    [Fact]
    public void Given_a_digest_when_rendered_then_the_text_part_lists_the_same_stories_as_the_html_part()
    {
        var digest = Build(Subscriber("models", "export"),
        [
            Match(1, "wire", "DeepSeek V4 released", "https://wire.example/v4", Now.AddHours(-2), "models", summary: "The model is out."),
            Match(2, "lab", "DeepSeek R3 paper", "https://lab.example/r3", Now.AddHours(-4), "models"),
            Match(3, "wire", "H100 export rules tightened", "https://wire.example/h100", Now.AddHours(-1), "export"),
        ]);

        var text = Renderer.RenderText(digest);
        var html = Renderer.RenderHtml(digest);

        var textTitles = text.Split('\n').Where(l => l.StartsWith("* ", StringComparison.Ordinal)).Select(l => l[2..]).ToArray();
        var htmlTitles = AnchorPattern().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(digest.Stories.Select(s => s.Title), textTitles);
        Assert.Equal(textTitles, htmlTitles);
        Assert.StartsWith(digest.Subject + "\n", text, StringComparison.Ordinal);
        Assert.Contains("== Model releases (2) ==", text, StringComparison.Ordinal);
        Assert.Contains("== Export rules (1) ==", text, StringComparison.Ordinal);
        Assert.Contains("  https://lab.example/r3\n", text, StringComparison.Ordinal);
        Assert.Contains("  The model is out.\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Model releases", StringComparison.Ordinal) < text.IndexOf("Export rules", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-01-15T07:30:00Z", "2026-01-15 08:30")] // CET, UTC+1
    [InlineData("2026-07-15T06:30:00Z", "2026-07-15 08:30")] // CEST, UTC+2
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01 00:30")] // the local date rolls over
    public void Given_a_berlin_subscriber_when_rendered_then_story_times_are_in_berlin_time(string utc, string local)
    {
        var published = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        var utcText = published.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek timing", "https://wire.example/t", published, "models")]);

        var text = Renderer.RenderText(digest);
        var html = Renderer.RenderHtml(digest);

        Assert.Contains("Wire · " + local, text, StringComparison.Ordinal);
        Assert.Contains(local, html, StringComparison.Ordinal);
        Assert.DoesNotContain(utcText, text, StringComparison.Ordinal);
        Assert.DoesNotContain(utcText, html, StringComparison.Ordinal);
        Assert.Contains("Times are in Europe/Berlin", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_story_when_rendered_then_both_parts_say_which_topics_and_terms_matched_and_html_highlights_them_in_the_snippet()
    {
        var digest = Build(Subscriber("weights", "models"),
        [
            Match(1, "wire", "DeepSeek V4 ships", "https://wire.example/v4", Now, "models", summary: "The deepseek team releases Open-Weights & more.", terms: "DeepSeek"),
            Match(1, "wire", "DeepSeek V4 ships", "https://wire.example/v4", Now, "weights", summary: "The deepseek team releases Open-Weights & more.", terms: "open weights"),
        ]);

        var text = Renderer.RenderText(digest);
        var html = Renderer.RenderHtml(digest);

        Assert.Contains("\n  The deepseek team releases Open-Weights & more.\n  Matched: Open weights: open weights; Model releases: DeepSeek (in title)\n", text, StringComparison.Ordinal);
        Assert.Contains("Matched: Open weights: open weights; Model releases: DeepSeek (in title)</p>", html, StringComparison.Ordinal);
        Assert.Contains(
            $"The <mark style=\"{Monitor.Digests.Rendering.SnippetHtml.MarkStyle}\">deepseek</mark> team releases <mark style=\"{Monitor.Digests.Rendering.SnippetHtml.MarkStyle}\">Open-Weights</mark> &amp; more.",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_topic_over_the_per_topic_cap_when_rendered_then_the_rest_is_an_n_more_title_list_in_both_parts()
    {
        var digest = Build(Subscriber("models"),
            Enumerable.Range(0, 4).Select(i => Match(i + 1, "wire", $"DeepSeek story {i}", $"https://wire.example/{i}", Now.AddHours(-i), "models", summary: "Body text.")).ToArray(),
            maxStoriesPerTopic: 2);

        var text = Renderer.RenderText(digest);
        var html = Renderer.RenderHtml(digest);

        Assert.Equal(["DeepSeek story 0", "DeepSeek story 1"], text.Split('\n').Where(l => l.StartsWith("* ", StringComparison.Ordinal)).Select(l => l[2..]));
        Assert.Contains("\n2 more in Model releases:\n  - DeepSeek story 2 (Wire)\n    https://wire.example/2\n  - DeepSeek story 3 (Wire)\n    https://wire.example/3\n", text, StringComparison.Ordinal);
        Assert.Contains(">2 more in Model releases</p>", html, StringComparison.Ordinal);
        Assert.Equal(["DeepSeek story 0", "DeepSeek story 1", "DeepSeek story 2", "DeepSeek story 3"], AnchorPattern().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Equal(2, Regex.Count(html, "class=\"card story\""));
        Assert.Equal(2, Regex.Count(text, "Body text\\.")); // snippets for the featured stories only
    }

    [Fact]
    public void Given_unsubscribe_links_when_rendered_then_the_footer_offers_the_one_click_url_or_else_the_mailto()
    {
        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek V4", "https://wire.example/v4", Now, "models")]);

        var withUrl = Renderer.RenderHtml(digest, new DigestLinks("https://m.example/unsubscribe?token=a&b", "mailto:m@example.org"));
        var mailtoOnly = Renderer.RenderText(digest, new DigestLinks(null, "mailto:m@example.org?subject=unsubscribe"));

        Assert.Contains("<a href=\"https://m.example/unsubscribe?token=a&amp;b\" style=\"color:#59636e;\">Unsubscribe</a>", withUrl, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:", withUrl, StringComparison.Ordinal);
        Assert.EndsWith("\nUnsubscribe: mailto:m@example.org?subject=unsubscribe\n", mailtoOnly, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("<a href=\"[^\"]*\"[^>]*>([^<]*)</a>")]
    private static partial Regex AnchorPattern();
}
