using System.Globalization;
using DotNet.Testcontainers.Containers;
using Npgsql;

namespace Monitor.Tests.Containers;

/// <summary>The PostgreSQL container (Debian's postgresql package). Each test gets a database of its own.</summary>
public sealed class PostgresServer(IContainer container)
{
    public const int Port = 5432;
    public const string NetworkAlias = "postgres";
    private const string Password = "monitor";

    /// <summary>Creates an empty database and returns its connection string as seen from the host.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "monitor")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>The same database as seen from another container on the test network.</summary>
    public static string InsideNetwork(string hostConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(hostConnectionString) { Host = NetworkAlias, Port = Port };
        return builder.ConnectionString;
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = container.Hostname,
        Port = container.GetMappedPublicPort(Port),
        Username = "postgres",
        Password = Password,
        Database = database,
        Pooling = true,
        MaxPoolSize = 20,
        Timeout = 15,
    }.ConnectionString;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{container.Hostname}:{container.GetMappedPublicPort(Port)}");
}
