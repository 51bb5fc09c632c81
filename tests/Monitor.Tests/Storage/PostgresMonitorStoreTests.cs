using System.Globalization;
using Monitor.Storage.Sql;
using Monitor.Tests.Containers;
using Npgsql;

namespace Monitor.Tests.Storage;

/// <summary>The store contract on PostgreSQL (container built from Debian's package), a fresh database per test.</summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Containers")]
public sealed class PostgresMonitorStoreTests(ContainerServers servers) : MonitorStoreContract
{
    private string _connectionString = string.Empty;

    protected override async Task CreateDatabaseAsync() => _connectionString = await servers.Postgres.CreateDatabaseAsync("store");

    protected override SqlMonitorStore OpenStore() => SqlMonitorStore.Postgres(_connectionString);

    protected override Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    protected override async Task SetSchemaVersionAsync(int version)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE monitor_schema SET version = {version.ToString(CultureInfo.InvariantCulture)}";
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<int> SchemaVersionAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM monitor_schema";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
