using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitor.Tests.Rendering;

/// <summary>
/// A realistic digest (three topics, a syndicated story, long titles, a very long unbroken URL-like word, Chinese and
/// German, more stories than the per-topic cap) rendered by <c>digest --out</c> and checked in headless Chromium at phone
/// and desktop widths: every story has a headline and its link, nothing scrolls sideways. The screenshots are kept under
/// <c>TestResults/rendering/</c> in the repository.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class DigestRenderingTests(ITestOutputHelper output) : IDisposable
{
    private const int MaxStoriesPerTopic = 3;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Workspace _workspace = new();
    private readonly HeadlessChromium _chromium = new();
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Given_a_realistic_digest_when_rendered_in_chromium_at_phone_and_desktop_widths_then_every_story_and_link_is_there_and_nothing_overflows()
    {
        var stories = PublishFeeds();
        var settings = new Dictionary<string, string?> { ["Monitor:MaxStoriesPerTopic"] = MaxStoriesPerTopic.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var poll = await _workspace.RunAsync(settings, "run", "--once");
        Assert.True(poll.ExitCode == 0, poll.ToString());
        var page = Path.Combine(_workspace.Root, "digest.html");

        var render = await _workspace.RunAsync(settings, "digest", "--subscriber", "analyst@example.org", "--out", page);

        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.Contains($"AI news: {stories.Count} stories — Model releases (6), Export rules and chips (2), Research (2)", render.Output, StringComparison.Ordinal);
        var artefacts = Directory.CreateDirectory(Path.Combine(Repository.Root, "TestResults", "rendering")).FullName;
        File.Copy(page, Path.Combine(artefacts, "digest.html"), overwrite: true);

        var html = await File.ReadAllTextAsync(page);
        foreach (var (width, height) in new[] { (375, 812), (1280, 900) })
        {
            var measured = await MeasureAsync(html, width, height, dark: false);

            Assert.Equal(width, measured.InnerWidth);
            Assert.True(measured.ScrollWidth <= measured.InnerWidth, $"horizontal overflow at {width} px: scrollWidth {measured.ScrollWidth}; widest: {string.Join(", ", measured.Overflowing)}");
            Assert.Empty(measured.Overflowing);
            Assert.Equal(stories.Count, measured.Headlines);
            Assert.Equal(stories.Values.Order(StringComparer.Ordinal), measured.Links.Order(StringComparer.Ordinal));

            var screenshot = Path.Combine(artefacts, $"digest-{width}x{height}.png");
            await ScreenshotAsync(html, screenshot, width, height, dark: false);
            var full = Path.Combine(artefacts, $"digest-{width}-full.png");
            await ScreenshotAsync(html, full, width, measured.Height, dark: false);
            output.WriteLine($"screenshots: {screenshot} {full}");
        }

        var darkPhone = await MeasureAsync(html, 375, 812, dark: true);
        Assert.True(darkPhone.Dark, "the dark-mode screenshot would not be dark");
        Assert.True(darkPhone.ScrollWidth <= darkPhone.InnerWidth, $"horizontal overflow in dark mode: {darkPhone.ScrollWidth}");
        var dark = Path.Combine(artefacts, "digest-375-full-dark.png");
        await ScreenshotAsync(html, dark, 375, darkPhone.Height, dark: true);
        output.WriteLine($"screenshot: {dark}");
    }

    private async Task ScreenshotAsync(string html, string png, int width, int height, bool dark)
    {
        var host = Path.Combine(_workspace.Root, $"shot-{width}x{height}{(dark ? "-dark" : string.Empty)}.html");
        await File.WriteAllTextAsync(host, ViewportPage.Create(html, width, height, probe: false));
        await _chromium.ScreenshotAsync(host, png, width, height, dark);
    }

    private async Task<Measurement> MeasureAsync(string html, int width, int height, bool dark)
    {
        var host = Path.Combine(_workspace.Root, $"probe-{width}x{height}.html");
        await File.WriteAllTextAsync(host, ViewportPage.Create(html, width, height, probe: true));

        var dom = await _chromium.DumpDomAsync(host, width, height, dark);

        var result = ProbeResult().Match(dom);
        Assert.True(result.Success, $"no probe result in the DOM chromium dumped:\n{dom[..Math.Min(dom.Length, 2000)]}");
        return JsonSerializer.Deserialize<Measurement>(WebUtility.HtmlDecode(result.Groups[1].Value), JsonOptions)!;
    }

    /// <summary>Writes the fixture feeds and config; returns each story the analyst must get, title → link.</summary>
    private Dictionary<string, string> PublishFeeds()
    {
        const string longWord = "https://huggingface.co/deepseek-ai/DeepSeek-V4-Base/resolve/main/model-00001-of-000163.safetensors?download=true&sig=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        TestItem Item(string id, string title, string link, string html, double hoursAgo, params string[] categories) =>
            new(id, title, link, html, _now.AddHours(-hoursAgo), categories);

        List<TestItem> wire =
        [
            Item("w1", "DeepSeek V4 released with open weights: a 671-billion-parameter Mixture-of-Experts model that anyone can download, fine-tune and run on their own hardware", "https://news.example/deepseek-v4?utm_source=wire",
                $"<p>The weights are on Hugging Face: {longWord} — the model card lists a context window of 256k tokens and an MIT licence.</p>", 2),
            Item("w2", "US tightens export rules on H100 and Blackwell chips", "https://news.example/export-rules", "<p>The Commerce Department's new rules cover H100, H20 and Blackwell parts shipped to data centres abroad.</p>", 3),
            Item("w3", "Qwen 3.5 arrives with a 1M-token context window", "https://news.example/qwen-35", "<p>Alibaba's Qwen team published weights and a technical report.</p>", 4),
            Item("w4", "Mistral ships a small open model for phones", "https://news.example/mistral-small", "<p>Mistral's new model runs on-device.</p>", 5),
            Item("w5", "Llama 5 preview: Meta shows a Mixture-of-Experts design", "https://news.example/llama-5", "<p>Meta previewed Llama 5 at its developer event.</p>", 6),
            Item("w6", "Supercalifragilisticexpialidociousmodelnamewithoutanyspacesthatgoesonandonforeverandeverandever benchmark results", "https://news.example/long-word", "<p>A leaderboard entry: https://leaderboard.example/results/long-context/2026/submissions/7f3a9c1e5b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2</p>", 7),
            Item("w7", "Local bakery wins award", "https://news.example/bakery", "<p>Bread, not models.</p>", 1),
        ];
        List<TestItem> lab =
        [
            Item("urn:lab:1", "DeepSeek releases V4", "https://NEWS.example/deepseek-v4#comments", "<p>Same story, other outlet.</p>", 1.5),
            Item("urn:lab:2", "Größer, schneller: DeepSeek-Modell für Übersetzungen ins Deutsche, mit offenen Gewichten und einer Lizenz für Unternehmen", "https://lab.example/uebersetzung", "<p>Für Übersetzungen ins Deutsche: Straße, Größe, Übermaß — alles korrekt.</p>", 8),
            Item("urn:lab:3", "A new benchmark for long-context reasoning", "https://lab.example/long-context-benchmark", "<p>The paper introduces a benchmark with 10k tasks.</p>", 9),
        ];
        List<TestItem> cn =
        [
            Item("cn-1", "深度求索发布新一代开源大模型，性能接近最先进的闭源模型", "https://cn.example/deepseek", "<p>深度求索今天发布了新的大模型，并公开了模型权重和技术报告。</p>", 2.5),
            Item("cn-2", "英伟达H100出口新规：数据中心芯片受限", "https://cn.example/h100", "<p>新的出口规定涉及H100和Blackwell芯片。</p>", 3.5),
        ];
        File.WriteAllText(Path.Combine(_workspace.Root, "wire.xml"), FeedDocuments.Rss("Wire", wire));
        File.WriteAllText(Path.Combine(_workspace.Root, "lab.atom"), FeedDocuments.Atom("Lab", lab));
        File.WriteAllText(Path.Combine(_workspace.Root, "cn.json"), FeedDocuments.Json("36Kr", cn));
        _workspace.WriteConfig("""
            {
              "feeds": [
                { "id": "wire", "url": "wire.xml", "title": "Wire" },
                { "id": "lab", "url": "lab.atom", "title": "Lab notes" },
                { "id": "cn", "url": "cn.json", "title": "36Kr 中文" },
              ],
              "topics": [
                { "id": "models", "title": "Model releases", "keywords": ["DeepSeek", "深度求索", "Mixture-of-Experts", "Qwen", "Mistral", "Llama", "open weights"] },
                { "id": "export", "title": "Export rules and chips", "keywords": ["export rules", "H100", "Blackwell"] },
                { "id": "research", "title": "Research", "keywords": ["benchmark*", "paper"] },
              ],
              "subscribers": [
                { "email": "analyst@example.org", "name": "Analyst", "topics": ["models", "export", "research"], "schedule": "daily 08:00", "timeZone": "Europe/Berlin" },
              ],
            }
            """);
        return new Dictionary<string, string>
        {
            ["DeepSeek V4"] = "https://news.example/deepseek-v4",
            ["export"] = "https://news.example/export-rules",
            ["qwen"] = "https://news.example/qwen-35",
            ["mistral"] = "https://news.example/mistral-small",
            ["llama"] = "https://news.example/llama-5",
            ["long word"] = "https://news.example/long-word",
            ["german"] = "https://lab.example/uebersetzung",
            ["benchmark"] = "https://lab.example/long-context-benchmark",
            ["chinese"] = "https://cn.example/deepseek",
            ["chinese export"] = "https://cn.example/h100",
        };
    }

    [GeneratedRegex("<pre id=\"probe-result\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ProbeResult();

    private sealed record Measurement(int InnerWidth, int ScrollWidth, int Height, int Headlines, string[] Links, string[] Overflowing, bool Dark);
}
