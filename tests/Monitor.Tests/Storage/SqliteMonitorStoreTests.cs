using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Storage.Sql;

namespace Monitor.Tests.Storage;

/// <summary>The store contract on a real SQLite file in a temporary folder.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteMonitorStoreTests : MonitorStoreContract
{
    private readonly string _dir = Directory.CreateTempSubdirectory("monitor-store-").FullName;

    private string DatabasePath => Path.Combine(_dir, "monitor.db");

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override SqlMonitorStore OpenStore() => SqlMonitorStore.Sqlite(DatabasePath);

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

    protected override async Task SetSchemaVersionAsync(int version)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)};";
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<int> SchemaVersionAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
