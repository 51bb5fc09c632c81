using System.Data.Common;

namespace Monitor.Storage.Sql;

/// <summary>What differs between the databases Monitor stores its state in: connections, DDL and schema versioning.</summary>
public interface ISqlDialect
{
    /// <summary>"SQLite" or "PostgreSQL", for messages.</summary>
    string Name { get; }

    /// <summary>Where the data is, without secrets (for logs and health output).</summary>
    string Describe();

    /// <summary>The schema, one script per version; index 0 creates version 1.</summary>
    IReadOnlyList<string> Migrations { get; }

    /// <summary>Whether writers in this process should be serialized (SQLite has a single writer).</summary>
    bool SerializeWrites { get; }

    /// <summary>Rows per INSERT statement when many rows are stored at once (see <see cref="RowBatchInsert"/>).</summary>
    int InsertBatchRows { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Runs pending migrations in one transaction each, safe against other processes doing the same.</summary>
    Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken);
}
