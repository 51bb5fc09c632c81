using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Containers;

/// <summary>Fetching against nginx: native conditional GET, and the faults a feed server has.</summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Containers")]
public sealed class FeedServerTests(ContainerServers servers) : IAsyncLifetime
{
    private readonly ContainerTestContext _test = new(servers);

    public async Task InitializeAsync() => await _test.PublishAsync();

    public Task DisposeAsync()
    {
        _test.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Given_unchanged_feeds_when_polled_again_then_nginx_answers_304_and_nothing_new_is_stored()
    {
        _test.WriteConfig();
        var first = await _test.Workspace.RunAsync(null, "run", "--once");
        var second = await _test.Workspace.RunAsync(null, "run", "--once");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Polled 3 feeds: 3 updated", first.Output, StringComparison.Ordinal);
        Assert.Contains("Polled 3 feeds: 0 updated, 3 not modified, 0 failed; 0 new items", second.Output, StringComparison.Ordinal);
        Assert.Equal(3, await servers.Feeds.CountAsync($"/feeds/{_test.Tag}/", 304));
        Assert.Equal(3, await servers.Feeds.CountAsync($"/feeds/{_test.Tag}/", 200));
    }

    [Fact]
    public async Task Given_feeds_with_server_faults_when_polled_then_each_failure_is_reported_with_its_reason_and_healthy_feeds_flow()
    {
        await servers.Feeds.PublishAsync($"{_test.Tag}/page.html", "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feeds/real.atom\"></head><body>A blog</body></html>");
        await servers.Feeds.PublishAsync($"{_test.Tag}/moved.xml", FeedDocuments.Rss("Moved", [new TestItem("moved-1", "Blackwell export licence granted", "https://moved.example/1", "<p>Chips.</p>", _test.Scenario.Now)]));
        _test.WriteConfig(extraFeeds: $$"""
            { "id": "error500", "url": "{{servers.Feeds.Url("fault/500")}}" },
            { "id": "hangs", "url": "{{servers.Feeds.Url("fault/hang")}}" },
            { "id": "trickles", "url": "{{servers.Feeds.Url("fault/trickle")}}" },
            { "id": "ratelimited", "url": "{{servers.Feeds.Url("fault/429")}}" },
            { "id": "htmlpage", "url": "{{_test.FeedUrl("page.html")}}" },
            { "id": "redirected", "url": "{{servers.Feeds.Url($"moved/{_test.Tag}/moved.xml")}}" },
            """);
        var settings = new Dictionary<string, string?> { ["Monitor:Fetch:Timeout"] = "00:00:03" };

        var run = await _test.Workspace.RunAsync(settings, "run", "--once", "--send-now");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("error500: FAILED: HTTP 500 Internal Server Error", run.Output, StringComparison.Ordinal);
        Assert.Contains("hangs: FAILED: timed out after 3 s", run.Output, StringComparison.Ordinal);
        Assert.Contains("trickles: FAILED: timed out after 3 s", run.Output, StringComparison.Ordinal);
        Assert.Contains("ratelimited: FAILED: HTTP 429 Too Many Requests (Retry-After 120 s)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"htmlpage: FAILED: the URL serves an HTML page, not a feed (the page names a feed: {servers.Feeds.Url("feeds/real.atom")})", run.Output, StringComparison.Ordinal);
        Assert.Contains("redirected: 1 items, 1 new, 1 new matching", run.Output, StringComparison.Ordinal);
        Assert.Contains("Polled 9 feeds: 4 updated, 0 not modified, 5 failed", run.Output, StringComparison.Ordinal);

        var outbox = Directory.GetFiles(_test.Workspace.OutboxDir, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        var trader = MessageAssert.SingleTo(outbox, _test.Trader);
        Assert.Equal(1, MessageAssert.StoryCount(trader, "Blackwell export licence granted"));
        var analyst = MessageAssert.SingleTo(outbox, _test.Analyst);
        Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, MessageAssert.StoryCount(analyst, title)));
    }
}
