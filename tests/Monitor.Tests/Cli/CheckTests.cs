using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

[Trait("Category", "Integration")]
public sealed class CheckTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Given_the_shipped_feeds_json_when_checked_then_it_is_valid()
    {
        var shipped = Path.Combine(Repository.Root, "feeds.json");
        File.Copy(shipped, _workspace.ConfigPath);

        var run = await _workspace.RunAsync(null, "check");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"feeds\.json: OK: (1[2-9]|[2-9]\d) feeds, [4-9] topics, 1 subscribers; digests go to outbox", run.Output);
    }

    [Fact]
    public async Task Given_a_config_with_several_problems_when_checked_then_each_is_one_line_with_file_and_path_and_exit_code_is_2()
    {
        _workspace.WriteConfig("""
            {
              "feeds": [ { "id": "a", "url": "ftp://example.com/feed" }, { "id": "a", "url": "https://example.com/x", "pollEvery": "-00:05:00" } ],
              "topics": [ { "id": "t", "keywords": ["/GPT-(/"] } ],
              "subscribers": [ { "email": "not-an-email", "topics": ["nope"], "schedule": "daily 25:00", "timeZone": "Mars/Olympus" } ],
              "subscriberz": []
            }
            """);

        var run = await _workspace.RunAsync(null, "check");

        Assert.Equal(2, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.feeds[0].url:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.feeds[1].id:", StringComparison.Ordinal) && l.Contains("duplicate", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.feeds[1].pollEvery:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.topics[0].keywords[0]:", StringComparison.Ordinal) && l.Contains("regular expression", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.subscribers[0].email:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.subscribers[0].topics[0]:", StringComparison.Ordinal) && l.Contains("unknown topic 'nope'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.subscribers[0].schedule:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.subscribers[0].timeZone:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("feeds.json: $.subscriberz:", StringComparison.Ordinal) && l.Contains("subscribers", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_malformed_json_when_checked_then_the_line_and_column_are_reported()
    {
        _workspace.WriteConfig("{\n  \"feeds\": [\n    { \"id\": \"a\" \"url\": \"x\" }\n  ]\n}\n");

        var run = await _workspace.RunAsync(null, "check");

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"feeds\.json: \$: .*line 3", run.Output);
    }

    [Fact]
    public async Task Given_invalid_settings_when_checked_then_they_are_reported_by_key()
    {
        _workspace.WriteConfig("""{ "feeds": [], "topics": [], "subscribers": [] }""");
        var settings = new Dictionary<string, string?> { ["Monitor:Smtp:Host"] = "smtp.example", ["Monitor:Smtp:Port"] = "70000", ["Monitor:Fetch:MaxConcurrency"] = "0" };

        var run = await _workspace.RunAsync(settings, "check");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("settings: Monitor:Smtp:Port: must be 1-65535 (was 70000)", run.Output, StringComparison.Ordinal);
        Assert.Contains("settings: Monitor:Fetch:MaxConcurrency: must be 1-256 (was 0)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_missing_config_file_when_run_then_it_says_so_in_one_line()
    {
        var run = await _workspace.RunAsync(null, "run", "--once");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("feeds.json: $: file not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_unwritable_data_folder_when_checked_then_it_is_reported_as_a_setting()
    {
        _workspace.WriteConfig("""{ "feeds": [], "topics": [], "subscribers": [] }""");
        var blocker = Path.Combine(_workspace.Root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the data folder should be");

        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Monitor.Cli.MonitorCli.RunAsync(["check", "--config", _workspace.ConfigPath, "--data", Path.Combine(blocker, "data")], output, error, new Dictionary<string, string?>(), CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("settings: Monitor:DataDir: data folder", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("is not writable", output.ToString(), StringComparison.Ordinal);
    }
}
