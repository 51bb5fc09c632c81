using System.Diagnostics;
using Monitor.Cli;
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
        using var process = Start("run");
        var outbox = _workspace.OutboxDir;
        await WaitUntilAsync(() => Directory.Exists(outbox) && Directory.GetFiles(outbox, "*.eml").Length == 1, process);

        var stopwatch = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Given_an_invalid_config_when_check_runs_as_a_process_then_exit_code_is_2_and_problems_are_on_stdout()
    {
        _workspace.WriteConfig("""{ "feeds": [ { "id": "x", "url": "gopher://old" } ] }""");
        using var process = Start("check");

        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("feeds.json: $.feeds[0].url:", output, StringComparison.Ordinal);
    }

    private Process Start(string command)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The monitor assembly is copied next to the tests; run it with the test project's dependency graph, which contains its own.
        var bin = AppContext.BaseDirectory;
        var testName = typeof(ProcessTests).Assembly.GetName().Name;
        string[] args =
        [
            "exec", "--depsfile", Path.Combine(bin, testName + ".deps.json"), "--runtimeconfig", Path.Combine(bin, testName + ".runtimeconfig.json"),
            typeof(MonitorCli).Assembly.Location, command, "--config", _workspace.ConfigPath, "--data", _workspace.DataDir,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Monitor__ConfigReloadInterval"] = "00:00:00.500";
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Process process)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!condition())
        {
            Assert.False(process.HasExited, "the service exited early");
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "condition not met within 30 s");
            await Task.Delay(100);
        }
    }
}
