using System.Data.Common;

namespace Monitor.Storage.Sql;

/// <summary>Small ADO.NET helpers shared by the dialects and the store.</summary>
internal static class Sql
{
    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public static DbParameter Add(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static void EnsureNotNewer(int version, int known)
    {
        if (version > known)
        {
            throw new InvalidOperationException($"The database schema is version {version}, newer than this Monitor ({known}). Upgrade Monitor.");
        }
    }
}
