using Microsoft.Data.Sqlite;
using Monitor.Storage.Sql;

namespace Monitor.Tests.Subscriptions;

/// <summary>The subscription store contract on a real SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteSubscriptionStoreTests : SubscriptionStoreContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("monitor-subs-").FullName;

    protected override async Task<SqlMonitorStore> OpenMigratedAsync()
    {
        var store = SqlMonitorStore.Sqlite(Path.Combine(_dir, "monitor.db"));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
