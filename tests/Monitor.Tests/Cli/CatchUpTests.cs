using Microsoft.Data.Sqlite;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary>Digests that fell due while Monitor was not running are sent once at the next start, not once per missed day.</summary>
[Trait("Category", "Integration")]
public sealed class CatchUpTests : IAsyncLifetime
{
    private ScenarioServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ScenarioServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Given_three_missed_daily_digests_when_monitor_starts_then_exactly_one_digest_is_sent()
    {
        var first = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once");
        Assert.Contains($"Digest {Scenario.AnalystEmail}: not due until", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(_servers.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == Scenario.AnalystEmail));

        // Pretend the last digest went out three days ago and Monitor was down since.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(_servers.Workspace.DataDir, "monitor.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "UPDATE digest_state SET last_digest_at = $at";
            command.Parameters.AddWithValue("$at", TimeProvider.System.GetUtcNow().AddDays(-3).ToUnixTimeMilliseconds());
            Assert.Equal(2, await command.ExecuteNonQueryAsync());
        }

        var catchUp = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once");
        var after = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once");

        Assert.True(catchUp.ExitCode == 0, catchUp.ToString());
        var analyst = MessageAssert.SingleTo(_servers.Smtp.Messages, Scenario.AnalystEmail);
        Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, MessageAssert.StoryCount(analyst, title)));
        Assert.Contains($"Digest {Scenario.AnalystEmail}: not due until", after.Output, StringComparison.Ordinal);
    }
}
