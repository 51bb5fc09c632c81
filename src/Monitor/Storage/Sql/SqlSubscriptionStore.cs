using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Monitor.Subscriptions;

namespace Monitor.Storage.Sql;

/// <summary>
/// <see cref="ISubscriptionStore"/> on the <c>subscriptions</c> table (schema version 3), with the same statements on SQLite
/// and PostgreSQL as <see cref="SqlMonitorStore"/> and sharing its dialect (the schema is migrated by that store). Topics
/// are a JSON array; times are unix milliseconds. State changes are single conditional statements, so two replicas (or
/// the service and the command line) changing the same address never lose an update.
/// </summary>
public sealed class SqlSubscriptionStore(ISqlDialect dialect) : ISubscriptionStore, IDisposable
{
    private const string Columns = "email, name, topics, schedule, time_zone, status, created_at, updated_at, confirmed_at, unsubscribed_at";
    private const string Pending = "pending";
    private const string Confirmed = "confirmed";
    private const string Unsubscribed = "unsubscribed";

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public async Task<Subscription?> GetAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM subscriptions WHERE email = @email";
        command.Add("@email", Normalize(email));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM subscriptions ORDER BY email";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return result;
    }

    public Task<bool> RequestAsync(string email, string? name, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"""
            INSERT INTO subscriptions ({Columns})
            VALUES (@email, @name, @topics, @schedule, @zone, '{Pending}', @at, @at, NULL, NULL)
            ON CONFLICT (email) DO UPDATE SET name = excluded.name, topics = excluded.topics, schedule = excluded.schedule,
                time_zone = excluded.time_zone, status = '{Pending}', updated_at = excluded.updated_at
            WHERE subscriptions.status <> '{Confirmed}'
            """,
            command => AddPreferences(command, email, name, topics, schedule, timeZone, at),
            cancellationToken);

    public Task<bool> ConfirmAsync(string email, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"UPDATE subscriptions SET status = '{Confirmed}', confirmed_at = @at, updated_at = @at WHERE email = @email AND status = '{Pending}'",
            command =>
            {
                command.Add("@email", Normalize(email));
                command.Add("@at", at.ToUnixTimeMilliseconds());
            },
            cancellationToken);

    public Task AddConfirmedAsync(string email, string? name, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"""
            INSERT INTO subscriptions ({Columns})
            VALUES (@email, @name, @topics, @schedule, @zone, '{Confirmed}', @at, @at, @at, NULL)
            ON CONFLICT (email) DO UPDATE SET name = excluded.name, topics = excluded.topics, schedule = excluded.schedule,
                time_zone = excluded.time_zone, updated_at = excluded.updated_at,
                confirmed_at = CASE WHEN subscriptions.status = '{Confirmed}' THEN subscriptions.confirmed_at ELSE excluded.confirmed_at END,
                status = '{Confirmed}'
            """,
            command => AddPreferences(command, email, name, topics, schedule, timeZone, at),
            cancellationToken);

    public Task<bool> UnsubscribeAsync(string email, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"""
            INSERT INTO subscriptions ({Columns})
            VALUES (@email, @name, @topics, @schedule, @zone, '{Unsubscribed}', @at, @at, NULL, @at)
            ON CONFLICT (email) DO UPDATE SET status = '{Unsubscribed}', unsubscribed_at = excluded.unsubscribed_at, updated_at = excluded.updated_at
            WHERE subscriptions.status <> '{Unsubscribed}'
            """,
            command => AddPreferences(command, email, null, topics, schedule, timeZone, at),
            cancellationToken);

    public Task<bool> UpdateAsync(string email, string? name, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            $"""
            UPDATE subscriptions SET name = @name, topics = @topics, schedule = @schedule, time_zone = @zone, updated_at = @at
            WHERE email = @email AND status = '{Confirmed}'
            """,
            command => AddPreferences(command, email, name, topics, schedule, timeZone, at),
            cancellationToken);

    public async Task<string> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(MAX(updated_at), 0), COALESCE(SUM(updated_at), 0) FROM subscriptions";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return string.Join(
            ':',
            Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture),
            Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture),
            Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture));
    }

    public void Dispose() => _writeLock.Dispose();

    internal static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static void AddPreferences(DbCommand command, string email, string? name, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at)
    {
        command.Add("@email", Normalize(email));
        command.Add("@name", string.IsNullOrWhiteSpace(name) ? null : name.Trim());
        command.Add("@topics", JsonSerializer.Serialize(topics, StorageJson.Default.IReadOnlyListString));
        command.Add("@schedule", schedule);
        command.Add("@zone", timeZone);
        command.Add("@at", at.ToUnixTimeMilliseconds());
    }

    /// <summary>One statement; true when it changed a row. Serialized in-process where the database has a single writer.</summary>
    private async Task<bool> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        if (dialect.SerializeWrites)
        {
            await _writeLock.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = await dialect.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            parameters(command);
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        }
        finally
        {
            if (dialect.SerializeWrites)
            {
                _writeLock.Release();
            }
        }
    }

    private static Subscription Read(DbDataReader reader) => new(
        Email: reader.GetString(0),
        Name: reader.IsDBNull(1) ? null : reader.GetString(1),
        Topics: JsonSerializer.Deserialize(reader.GetString(2), StorageJson.Default.StringArray) ?? [],
        Schedule: reader.GetString(3),
        TimeZone: reader.GetString(4),
        Status: reader.GetString(5) switch
        {
            Pending => SubscriptionStatus.Pending,
            Confirmed => SubscriptionStatus.Confirmed,
            _ => SubscriptionStatus.Unsubscribed,
        },
        CreatedAt: FromDb(reader.GetValue(6)) ?? DateTimeOffset.UnixEpoch,
        UpdatedAt: FromDb(reader.GetValue(7)) ?? DateTimeOffset.UnixEpoch,
        ConfirmedAt: FromDb(reader.GetValue(8)),
        UnsubscribedAt: FromDb(reader.GetValue(9)));

    private static DateTimeOffset? FromDb(object? value) =>
        value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
}
