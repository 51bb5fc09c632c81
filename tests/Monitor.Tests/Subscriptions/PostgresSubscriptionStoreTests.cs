using Monitor.Storage.Sql;
using Monitor.Tests.Containers;
using Npgsql;

namespace Monitor.Tests.Subscriptions;

/// <summary>The subscription store contract on PostgreSQL (container built from Debian's package), a fresh database per test.</summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Containers")]
public sealed class PostgresSubscriptionStoreTests(ContainerServers servers) : SubscriptionStoreContract
{
    protected override async Task<SqlMonitorStore> OpenMigratedAsync()
    {
        var store = SqlMonitorStore.Postgres(await servers.Postgres.CreateDatabaseAsync("subs"));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
