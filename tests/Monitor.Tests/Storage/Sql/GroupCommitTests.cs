using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Storage.Sql;

namespace Monitor.Tests.Storage.Sql;

/// <summary>
/// <see cref="GroupCommit"/> on a real SQLite file: queued writes share commits, yet each one commits or fails as if it
/// had a transaction of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("monitor-group-commit-").FullName;
    private readonly SqliteDialect _dialect;

    public GroupCommitTests()
    {
        _dialect = new SqliteDialect(Path.Combine(_dir, "test.db"));
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "test.db")};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);";
        create.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Given_many_concurrent_writers_when_they_write_then_every_row_is_committed_once_in_fewer_transactions()
    {
        using var writer = new GroupCommit(_dialect);
        int transactions = 0;
        var seen = new HashSet<DbTransaction>();

        // Given 200 writes started at once, each slow enough for others to queue behind it
        var writes = Enumerable.Range(0, 200).Select(i => Task.Run(() => writer.WriteAsync(
            async (connection, tx, ct) =>
            {
                lock (seen)
                {
                    if (seen.Add(tx))
                    {
                        transactions++;
                    }
                }

                await InsertAsync(connection, tx, $"row {i}", ct);
                await Task.Delay(1, ct);
            },
            CancellationToken.None)));

        // When they all return
        await Task.WhenAll(writes);

        // Then every row is there, once, and queued writes shared transactions
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"row {i}").Order(StringComparer.Ordinal), (await ReadAllAsync()).Order(StringComparer.Ordinal));
        Assert.InRange(transactions, 1, 199);
    }

    [Fact]
    public async Task Given_a_failing_write_queued_with_others_when_they_commit_together_then_it_alone_fails_and_leaves_nothing()
    {
        using var writer = new GroupCommit(_dialect);
        var release = new TaskCompletionSource();

        // Given a first write holding the writer while three more queue up: good, failing after writing, good
        var first = HoldWriter(writer, release.Task);
        var good1 = writer.WriteAsync((c, tx, ct) => InsertAsync(c, tx, "good 1", ct), CancellationToken.None);
        var failing = writer.WriteAsync(
            async (c, tx, ct) =>
            {
                await InsertAsync(c, tx, "half-written", ct);
                await InsertAsync(c, tx, "first", ct); // violates UNIQUE
            },
            CancellationToken.None);
        var good2 = writer.WriteAsync((c, tx, ct) => InsertAsync(c, tx, "good 2", ct), CancellationToken.None);

        // When the first one finishes and the queued ones run in the next transaction
        release.SetResult();
        await first;

        // Then the failing write throws its own error and its rows are gone; the others are committed
        await good1;
        await good2;
        var error = await Assert.ThrowsAsync<SqliteException>(() => failing);
        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        Assert.Equal(["first", "good 1", "good 2"], (await ReadAllAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Given_a_shared_transaction_rolled_back_by_a_failing_write_when_the_others_run_again_alone_then_what_they_report_is_from_the_run_that_committed()
    {
        using var writer = new GroupCommit(_dialect);
        var release = new TaskCompletionSource();
        var runs = 0;
        string? reported = null;

        // Given a first write holding the writer while three queue up: a good one, one that reports the row it wrote,
        // and one that fails after them
        var first = HoldWriter(writer, release.Task);
        var good = writer.WriteAsync((c, tx, ct) => InsertAsync(c, tx, "good", ct), CancellationToken.None);
        var reporting = writer.WriteAsync(
            async (c, tx, ct) =>
            {
                var value = $"reporting, run {++runs}";
                await InsertAsync(c, tx, value, ct);
                reported = value;
            },
            CancellationToken.None);
        var failing = writer.WriteAsync((c, tx, ct) => InsertAsync(c, tx, "first", ct), CancellationToken.None);

        // When the queued writes run together, the last one fails, and the others run again one by one
        release.SetResult();
        await first;
        await good;
        await reporting;
        await Assert.ThrowsAsync<SqliteException>(() => failing);

        // Then the reporting write ran twice; its first run's row was rolled back, and it reports the row that stayed
        Assert.Equal(2, runs);
        Assert.Equal("reporting, run 2", reported);
        Assert.Equal(["first", "good", "reporting, run 2"], (await ReadAllAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Given_a_write_cancelled_while_queued_when_its_turn_comes_then_it_is_not_run()
    {
        using var writer = new GroupCommit(_dialect);
        var release = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();
        var first = HoldWriter(writer, release.Task);
        var cancelled = writer.WriteAsync((c, tx, ct) => InsertAsync(c, tx, "cancelled", ct), cancel.Token);

        await cancel.CancelAsync();
        release.SetResult();
        await first;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(["first"], await ReadAllAsync());
    }

    /// <summary>A write of the row "first" that keeps the writer busy until <paramref name="release"/> completes, so that the next writes queue up behind it.</summary>
    private static Task HoldWriter(GroupCommit writer, Task release) =>
        writer.WriteAsync(async (c, tx, ct) => { await InsertAsync(c, tx, "first", ct); await release; }, CancellationToken.None);

    private static async Task InsertAsync(DbConnection connection, DbTransaction tx, string value, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO rows (value) VALUES (@value)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@value";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<string>> ReadAllAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "test.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM rows ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
