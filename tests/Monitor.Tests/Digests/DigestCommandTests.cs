using System.Net;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digests;

/// <summary>
/// The real command line, in process, on the standard scenario (feeds on a real HTTP server, SQLite): <c>digest --out</c>
/// renders without sending or marking, templates can be overridden and fail clearly, and <c>--explain</c> shows every rule.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DigestCommandTests : IAsyncLifetime
{
    private readonly Workspace _workspace = new();
    private readonly Scenario _scenario = new(TimeProvider.System.GetUtcNow());
    private FeedServer _feeds = null!;

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _scenario.Publish(_feeds);
        _workspace.WriteConfig(Scenario.Config(_feeds));
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task Given_pending_stories_when_digest_out_is_run_then_the_file_has_the_next_digest_and_nothing_is_sent_or_marked()
    {
        await _workspace.RunAsync(null, "run", "--once"); // the analyst's daily digest is not due: their stories stay pending
        var html = Path.Combine(_workspace.Root, "out", "next.html");
        var text = Path.Combine(_workspace.Root, "out", "next.txt");
        var outboxBefore = Directory.GetFiles(_workspace.OutboxDir).Length;

        var run = await _workspace.RunAsync(null, "digest", "--subscriber", "ANALYST@test.local", "--out", html);
        var runText = await _workspace.RunAsync(null, "digest", "--subscriber", Scenario.AnalystEmail, "--out", text);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{Scenario.AnalystEmail}: wrote {html}: AI news: 4 stories — Modell-Veröffentlichungen · 模型发布 (4)", run.Output.Trim());
        var page = await File.ReadAllTextAsync(html);
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        foreach (var title in Scenario.AnalystStories)
        {
            Assert.Contains(WebUtility.HtmlEncode(title), page, StringComparison.Ordinal);
            Assert.Contains("* " + title + "\n", await File.ReadAllTextAsync(text), StringComparison.Ordinal);
        }

        Assert.True(runText.ExitCode == 0, runText.ToString());
        Assert.Equal(outboxBefore, Directory.GetFiles(_workspace.OutboxDir).Length);
        var send = await _workspace.RunAsync(null, "run", "--once", "--send-now");
        Assert.Contains($"Digest {Scenario.AnalystEmail}: sent 4 stories", send.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_unknown_subscriber_when_digest_is_run_then_it_exits_2_naming_the_known_ones()
    {
        var run = await _workspace.RunAsync(null, "digest", "--subscriber", "nobody@test.local", "--out", Path.Combine(_workspace.Root, "x.html"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: --subscriber 'nobody@test.local': no such subscriber in feeds.json or the subscription store (subscribers: {Scenario.AnalystEmail}, {Scenario.TraderEmail})", run.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_workspace.Root, "x.html")));
    }

    [Fact]
    public async Task Given_a_templates_dir_when_digest_is_run_then_the_users_template_is_used_and_a_syntax_error_is_one_clear_line()
    {
        await _workspace.RunAsync(null, "run", "--once");
        var templates = Directory.CreateDirectory(Path.Combine(_workspace.Root, "my-templates")).FullName;
        var settings = new Dictionary<string, string?> { ["Monitor:TemplatesDir"] = templates };
        var output = Path.Combine(_workspace.Root, "mine.html");
        await File.WriteAllTextAsync(Path.Combine(templates, "digest.html.liquid"), "<h1>{{ headline }}</h1>{% for s in sections %}<h2>{{ s.title }}</h2>{% endfor %}");

        var custom = await _workspace.RunAsync(settings, "digest", "--subscriber", Scenario.AnalystEmail, "--out", output);

        Assert.True(custom.ExitCode == 0, custom.ToString());
        Assert.Equal("<h1>AI news: 4 stories</h1><h2>Modell-Ver&#246;ffentlichungen &#183; 模型发布</h2>", await File.ReadAllTextAsync(output));

        await File.WriteAllTextAsync(Path.Combine(templates, "digest.html.liquid"), "<h1>{{ headline }}</h1>\n{% if story_count > %}\n");
        var broken = await _workspace.RunAsync(settings, "digest", "--subscriber", Scenario.AnalystEmail, "--out", output);

        Assert.Equal(1, broken.ExitCode);
        var line = Assert.Single(broken.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: template {Path.Combine(templates, "digest.html.liquid")}, line 2: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_inspect_explain_when_run_then_every_keyword_and_exclude_of_every_topic_is_listed_with_where_it_was_found()
    {
        var run = await _workspace.RunAsync(null, "inspect", _feeds.Url("cn.json").ToString(), "--explain");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        var first = lines.IndexOf("[1] 深度求索发布新模型");
        Assert.True(first >= 0, run.Output);
        Assert.Equal(
            [
                "    rules:",
                "      model-releases (Modell-Veröffentlichungen · 模型发布): MATCH",
                "        - keyword 'DeepSeek'           not found",
                "        + keyword '深度求索'               found in title, summary",
                "        - keyword 'Mixture-of-Experts' not found",
                "        - exclude 'sponsored'          not found",
                "      export-rules (Export rules): no match",
            ],
            lines.Skip(lines.IndexOf("    rules:", first)).Take(7));
        Assert.Contains("      model-releases (Modell-Veröffentlichungen · 模型发布): EXCLUDED by 'sponsored' (title)", lines);
        Assert.Contains("        + exclude 'sponsored'          found in title", lines);
    }

    [Fact]
    public async Task Given_inspect_json_explain_when_run_then_each_item_carries_every_rule_with_found_and_fields()
    {
        var run = await _workspace.RunAsync(null, "inspect", _feeds.Url("cn.json").ToString(), "--json", "--explain");

        Assert.True(run.ExitCode == 0, run.ToString());
        var item = System.Text.Json.JsonDocument.Parse(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]).RootElement;
        Assert.Equal("Sponsored: DeepSeek webinar", item.GetProperty("title").GetString());
        var models = item.GetProperty("rules").EnumerateArray().First(r => r.GetProperty("topic").GetString() == "model-releases");
        Assert.False(models.GetProperty("matched").GetBoolean());
        var deepSeek = models.GetProperty("keywords")[0];
        Assert.Equal("DeepSeek", deepSeek.GetProperty("keyword").GetString());
        Assert.True(deepSeek.GetProperty("found").GetBoolean());
        Assert.Equal(["title"], deepSeek.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        var sponsored = Assert.Single(models.GetProperty("excludes").EnumerateArray());
        Assert.True(sponsored.GetProperty("found").GetBoolean());
        Assert.Equal(3, item.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task Given_preview_explain_when_run_then_each_story_shows_its_rank_and_the_rules_on_each_of_its_items()
    {
        await _workspace.RunAsync(null, "run", "--once");

        var run = await _workspace.RunAsync(null, "preview", "--explain");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = run.Output.Replace("\r", string.Empty, StringComparison.Ordinal);
        Assert.Contains(
            "    - DeepSeek V4 released with open weights [Wire, Lab] matched DeepSeek, Mixture-of-Experts, open weights\n" +
            "        rank: score 11 (3 terms, 2 in the title, 2 sources); shown in full\n",
            output,
            StringComparison.Ordinal);
        Assert.Contains(
            "        item in wire: DeepSeek V4 released with open weights (rules on the stored title and summary; categories are not stored)\n" +
            "          model-releases (Modell-Veröffentlichungen · 模型发布): MATCH\n" +
            "            + keyword 'DeepSeek'           found in title\n" +
            "            - keyword '深度求索'               not found\n" +
            "            + keyword 'Mixture-of-Experts' found in summary\n" +
            "            - exclude 'sponsored'          not found\n" +
            "          open-weights (Open weights): MATCH\n" +
            "            + keyword 'open weights' found in title\n",
            output,
            StringComparison.Ordinal);
        Assert.Contains("        item in lab: DeepSeek releases V4 (", output, StringComparison.Ordinal);
        Assert.DoesNotContain("export-rules", output, StringComparison.Ordinal); // only the analyst's topics are explained for the analyst
    }
}
