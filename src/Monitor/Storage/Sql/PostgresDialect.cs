using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Monitor.Storage.Sql;

/// <summary>
/// PostgreSQL (Npgsql). The schema version lives in <c>monitor_schema</c>; migrations run under a transaction-scoped
/// advisory lock, so replicas starting together migrate once. The same database also holds Quartz's clustered job store
/// (its tables are provisioned by Quartz itself).
/// </summary>
public sealed class PostgresDialect : ISqlDialect, IAsyncDisposable
{
    private const long MigrationLockKey = 0x4d6f6e69746f72; // "Monitor"
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public string Name => "PostgreSQL";

    public IReadOnlyList<string> Migrations { get; } = SqlSchema.Migrations("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BIGINT", "BYTEA", "first_seen_at");

    public bool SerializeWrites => false;

    /// <summary>100 rows (10 parameters each) per statement: one round trip per 100 items, well within PostgreSQL's parameter limit.</summary>
    public int InsertBatchRows => 100;

    public string Describe() => _description;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    public async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({MigrationLockKey});", cancellationToken);
        await Sql.ExecuteAsync(connection, tx, "CREATE TABLE IF NOT EXISTS monitor_schema (version INTEGER NOT NULL); INSERT INTO monitor_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM monitor_schema);", cancellationToken);
        var version = Convert.ToInt32(await Sql.ScalarAsync(connection, tx, "SELECT version FROM monitor_schema;", cancellationToken), CultureInfo.InvariantCulture);
        Sql.EnsureNotNewer(version, Migrations.Count);
        for (var next = version; next < Migrations.Count; next++)
        {
            await Sql.ExecuteAsync(connection, tx, Migrations[next], cancellationToken);
            await Sql.ExecuteAsync(connection, tx, $"UPDATE monitor_schema SET version = {next + 1};", cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
