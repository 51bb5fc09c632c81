using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Monitor.Options;

/// <summary>
/// Where state lives: PostgreSQL when <c>ConnectionStrings:Monitor</c> (environment <c>ConnectionStrings__Monitor</c>) is
/// set, SQLite in the data folder otherwise.
/// </summary>
public sealed record StorageSettings(string? PostgresConnectionString)
{
    public const string ConnectionStringName = "Monitor";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    public static StorageSettings From(IConfiguration configuration) => new(configuration.GetConnectionString(ConnectionStringName));

    /// <summary>A one-line problem with the connection string, or null.</summary>
    public string? Validate()
    {
        if (!UsesPostgres)
        {
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? "settings: ConnectionStrings:Monitor: no Host in the PostgreSQL connection string" : null;
        }
        catch (ArgumentException ex)
        {
            return $"settings: ConnectionStrings:Monitor: not a valid PostgreSQL connection string: {ex.Message}";
        }
    }
}
