using Microsoft.Data.Sqlite;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Storage;

/// <summary>A database locked by another process: a clear one-line error, nothing corrupted, the next run completes.</summary>
[Trait("Category", "Integration")]
public sealed class DatabaseFaultTests : IAsyncLifetime
{
    private ScenarioServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ScenarioServers.StartAsync();

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await _servers.DisposeAsync();
    }

    [Fact]
    public async Task Given_the_database_locked_by_another_process_when_a_cycle_runs_then_it_fails_readably_and_the_next_cycle_delivers_everything_once()
    {
        var settings = new Dictionary<string, string?>(_servers.Smtp.Settings()) { ["Monitor:DatabaseBusyTimeout"] = "00:00:00.500" };
        await _servers.Workspace.RunAsync(settings, "check");
        var database = Path.Combine(_servers.Workspace.DataDir, "monitor.db");
        await _servers.Workspace.RunAsync(settings, "preview");

        CliRun locked;
        await using (var holder = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var begin = holder.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();

            locked = await _servers.Workspace.RunAsync(settings, "run", "--once", "--send-now");
        }

        Assert.Contains("database is locked", locked.Output + locked.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", locked.Output + locked.Error, StringComparison.Ordinal);
        Assert.Empty(_servers.Smtp.Messages);

        var recovered = await _servers.Workspace.RunAsync(settings, "run", "--once", "--send-now");

        Assert.True(recovered.ExitCode == 0, recovered.ToString());
        var analyst = MessageAssert.SingleTo(_servers.Smtp.Messages, Scenario.AnalystEmail);
        Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, MessageAssert.StoryCount(analyst, title)));
        await using var check = new SqliteConnection($"Data Source={database};Pooling=False");
        await check.OpenAsync();
        await using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await integrity.ExecuteScalarAsync());
    }
}
