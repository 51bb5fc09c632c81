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

        var html = DigestRenderer.RenderHtml(digest);

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

        var html = DigestRenderer.RenderHtml(digest);

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

        var html = DigestRenderer.RenderHtml(digest);

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

        var text = DigestRenderer.RenderText(digest);
        var html = DigestRenderer.RenderHtml(digest);

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

        var text = DigestRenderer.RenderText(digest);
        var html = DigestRenderer.RenderHtml(digest);

        Assert.Contains("Wire · " + local, text, StringComparison.Ordinal);
        Assert.Contains(local, html, StringComparison.Ordinal);
        Assert.DoesNotContain(utcText, text, StringComparison.Ordinal);
        Assert.DoesNotContain(utcText, html, StringComparison.Ordinal);
        Assert.Contains("Times are in Europe/Berlin", text, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("<a href=\"[^\"]*\"[^>]*>([^<]*)</a>")]
    private static partial Regex AnchorPattern();
}
