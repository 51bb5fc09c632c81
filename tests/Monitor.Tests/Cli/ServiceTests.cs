using Monitor.Cli;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary>The long-running <c>run</c> service: Quartz schedules, immediate digests, hot reload of feeds.json, clean stop.</summary>
[Trait("Category", "Integration")]
public sealed class ServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Workspace _workspace = new();
    private readonly Scenario _scenario = new(TimeProvider.System.GetUtcNow());
    private FeedServer _feeds = null!;
    private SmtpSink _smtp = null!;

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        _scenario.Publish(_feeds);
        _smtp = SmtpSink.Create();
        await _smtp.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _feeds.DisposeAsync();
        _workspace.Dispose();
    }

    [Fact]
    public async Task Given_a_running_service_when_feeds_json_changes_then_new_feeds_and_keywords_apply_without_restart_and_a_bad_edit_is_ignored()
    {
        _workspace.WriteConfig(Config(feeds: [("wire", "wire.xml")], keywords: ["H100"]));
        var settings = new Dictionary<string, string?>(_smtp.Settings()) { ["Monitor:ConfigReloadInterval"] = "00:00:00.200" };
        using var stop = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var service = MonitorCli.RunAsync(["run", "--config", _workspace.ConfigPath, "--data", _workspace.DataDir], output, error, settings, stop.Token);

        // The first poll runs at start; the immediate subscriber gets the H100 story.
        var first = await WaitForMessageAsync(1, service);
        Assert.Equal(1, MessageAssert.StoryCount(first, "US tightens export rules on H100 and Blackwell chips"));

        // Add a feed and a keyword: both apply within seconds.
        _workspace.WriteConfig(Config(feeds: [("wire", "wire.xml"), ("lab", "lab.atom")], keywords: ["H100", "Mixture-of-Experts"]));
        var second = await WaitForMessageAsync(2, service);
        Assert.Equal(1, MessageAssert.StoryCount(second, "Mixture of experts, explained"));
        Assert.Equal(0, MessageAssert.StoryCount(second, "US tightens export rules on H100 and Blackwell chips"));

        // A broken edit is rejected; the service keeps running on the last good config and takes the next good edit.
        _workspace.WriteConfig("{ \"feeds\": [ oops ");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(service.IsCompleted, error.ToString());
        _workspace.WriteConfig(Config(feeds: [("wire", "wire.xml"), ("lab", "lab.atom"), ("cn", "cn.json")], keywords: ["H100", "Mixture-of-Experts", "深度求索"]));
        var third = await WaitForMessageAsync(3, service);
        Assert.Equal(1, MessageAssert.StoryCount(third, "深度求索发布新模型"));

        // SIGTERM / Ctrl+C: the service stops cleanly.
        await stop.CancelAsync();
        var exit = await service.WaitAsync(Patience);
        Assert.Equal(0, exit);
        Assert.Equal(3, _smtp.Messages.Count);
    }

    private async Task<MimeKit.MimeMessage> WaitForMessageAsync(int count, Task<int> service)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (_smtp.Messages.Count < count)
        {
            Assert.False(service.IsCompleted, "the service stopped early");
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"no message #{count} within {Patience}");
            await Task.Delay(100);
        }

        return _smtp.Messages[count - 1];
    }

    private string Config(IEnumerable<(string Id, string Path)> feeds, IEnumerable<string> keywords) => $$"""
        {
          "feeds": [{{string.Join(",", feeds.Select(f => $$"""{ "id": "{{f.Id}}", "url": "{{_feeds.Url(f.Path)}}" }"""))}}],
          "topics": [ { "id": "watch", "title": "Watch", "keywords": [{{string.Join(",", keywords.Select(k => $"\"{k}\""))}}] } ],
          "subscribers": [ { "email": "{{Scenario.TraderEmail}}", "topics": ["watch"], "schedule": "immediate" } ]
        }
        """;
}
