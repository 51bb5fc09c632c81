using System.Text.Json;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary><c>inspect</c> and <c>preview</c>: seeing what Monitor sees, and what it would send, without sending.</summary>
[Trait("Category", "Integration")]
public sealed class InspectAndPreviewTests : IAsyncLifetime
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
    public async Task Given_a_feed_url_when_inspected_then_every_item_is_shown_with_its_topics_and_why()
    {
        var run = await _workspace.RunAsync(null, "inspect", _feeds.Url("wire.xml").ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Wire [Rss_2_0], 5 items", run.Output, StringComparison.Ordinal);
        Assert.Contains("[1] DeepSeek V4 released with open weights", run.Output, StringComparison.Ordinal);
        Assert.Contains("link:    https://news.example/deepseek-v4?utm_source=wire&utm_medium=rss", run.Output, StringComparison.Ordinal);
        Assert.Contains("summary: The Mixture-of-Experts model is out.", run.Output, StringComparison.Ordinal);
        Assert.Contains("topics:  model-releases ('DeepSeek' in title, 'Mixture-of-Experts' in summary); open-weights ('open weights' in title)", run.Output, StringComparison.Ordinal);
        Assert.Contains("summary: Cooking tips for the weekend", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("class=", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_excluded_item_when_inspected_then_the_exclude_that_removed_it_is_named()
    {
        var run = await _workspace.RunAsync(null, "inspect", _feeds.Url("cn.json").ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("model-releases excluded by 'sponsored' in title", run.Output, StringComparison.Ordinal);
        Assert.Contains("topics:  model-releases ('深度求索' in title, '深度求索' in summary)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_json_output_when_inspected_then_each_line_is_one_json_object_per_item()
    {
        var path = Path.Combine(_workspace.Root, "lab.atom");
        await File.WriteAllTextAsync(path, FeedDocuments.Atom("Lab", _scenario.Lab));

        var run = await _workspace.RunAsync(null, "inspect", path, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var items = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(_scenario.Lab.Count, items.Count);
        var moe = items.Single(i => i.GetProperty("title").GetString() == "Mixture of experts, explained");
        Assert.Equal("id:urn:lab:2", moe.GetProperty("id").GetString());
        Assert.Equal("https://lab.example/moe", moe.GetProperty("link").GetString());
        var topic = Assert.Single(moe.GetProperty("topics").EnumerateArray());
        Assert.Equal("model-releases", topic.GetProperty("topic").GetString());
        Assert.True(topic.GetProperty("matched").GetBoolean());
        Assert.Equal("title", topic.GetProperty("terms")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Given_an_unreachable_or_broken_source_when_inspected_then_one_readable_error_line()
    {
        _feeds.Fail("down.xml", 503);
        var down = await _workspace.RunAsync(new Dictionary<string, string?> { ["Monitor:Fetch:Retries"] = "0" }, "inspect", _feeds.Url("down.xml").ToString());
        var missing = await _workspace.RunAsync(null, "inspect", Path.Combine(_workspace.Root, "nope.xml"));

        Assert.Equal(1, down.ExitCode);
        Assert.Equal($"error: {_feeds.Url("down.xml")}: HTTP 503 Service Unavailable", down.Error.Trim());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("file not found", missing.Error, StringComparison.Ordinal);
        Assert.Single(missing.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Given_stored_items_when_previewed_then_each_subscriber_sees_the_next_digest_and_nothing_is_sent()
    {
        await _workspace.RunAsync(null, "run", "--once");
        _feeds.Fail("wire.xml", 500);
        await _workspace.RunAsync(new Dictionary<string, string?> { ["Monitor:Fetch:Retries"] = "0" }, "run", "--once");

        var outboxBefore = Directory.GetFiles(_workspace.OutboxDir).Length;

        var preview = await _workspace.RunAsync(null, "preview", "--since", "2d");

        Assert.True(preview.ExitCode == 0, preview.ToString());
        Assert.Contains("Feed failing: wire: HTTP 500 Internal Server Error (1 in a row)", preview.Output, StringComparison.Ordinal);
        Assert.Contains($"{Scenario.AnalystEmail} (daily 08:00, Europe/Berlin): next digest ", preview.Output, StringComparison.Ordinal);
        Assert.Contains("Subject: AI news: 4 stories — Modell-Veröffentlichungen · 模型发布 (4)", preview.Output, StringComparison.Ordinal);
        Assert.Contains("- DeepSeek V4 released with open weights [Wire, Lab] matched DeepSeek, Mixture-of-Experts, open weights", preview.Output, StringComparison.Ordinal);
        Assert.Equal(outboxBefore, Directory.GetFiles(_workspace.OutboxDir).Length);

        var narrow = await _workspace.RunAsync(null, "preview", "--since", "90m");
        Assert.DoesNotContain("Mixture of experts, explained", narrow.Output, StringComparison.Ordinal);
    }
}
