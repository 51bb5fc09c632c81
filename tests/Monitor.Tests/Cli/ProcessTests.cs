using System.Diagnostics;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary>The real executable as a separate process: exit codes and a clean stop on SIGTERM.</summary>
[Trait("Category", "Integration")]
public sealed class ProcessTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Given_a_running_service_when_it_gets_sigterm_then_it_stops_cleanly_within_10_seconds()
    {
        var feed = Path.Combine(_workspace.Root, "feed.xml");
        await File.WriteAllTextAsync(feed, FeedDocuments.Rss("Local", [new TestItem("1", "DeepSeek V4", "https://x.example/1", "<p>x</p>", TimeProvider.System.GetUtcNow())]));
        _workspace.WriteConfig($$"""
            { "feeds": [ { "id": "local", "url": "{{feed}}" } ],
              "topics": [ { "id": "t", "keywords": ["DeepSeek"] } ],
              "subscribers": [ { "email": "a@test.local", "topics": ["t"], "schedule": "immediate" } ] }
            """);
        using var process = MonitorProcess.Start(["run", "--config", _workspace.ConfigPath, "--data", _workspace.DataDir], Environment);
        var outbox = _workspace.OutboxDir;
        await WaitUntilAsync(() => Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.eml").Length == 1, process);

        var stopwatch = Stopwatch.StartNew();
        await process.SignalAsync("TERM");

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(10)), process.Output);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Given_an_invalid_config_when_check_runs_as_a_process_then_exit_code_is_2_and_problems_are_on_stdout()
    {
        _workspace.WriteConfig("""{ "feeds": [ { "id": "x", "url": "gopher://old" } ] }""");
        using var process = MonitorProcess.Start(["check", "--config", _workspace.ConfigPath, "--data", _workspace.DataDir], Environment);

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("feeds.json: $.feeds[0].url:", process.Output, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, string?> Environment = new() { ["Monitor__ConfigReloadInterval"] = "00:00:00.500" };

    private static async Task WaitUntilAsync(Func<bool> condition, MonitorProcess process)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!condition())
        {
            Assert.False(process.HasExited, "the service exited early: " + process.Output);
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "condition not met within 30 s");
            await Task.Delay(100);
        }
    }
}
