using System.Data.Common;

namespace Monitor.Storage.Sql;

/// <summary>
/// The single writer of a database that has one (SQLite): writes run one at a time, and the writes that queued up while
/// another transaction was running are committed together in the next one. Should any of them fail, that transaction is
/// rolled back and each of its writes runs again in a transaction of its own, so a failing write fails alone and the
/// others commit. Every caller returns only once its write is committed (or has failed), as with a transaction of its
/// own. A write may therefore run twice (in the shared transaction rolled back, then alone): it must set whatever it
/// reports back afresh each time it runs.
/// </summary>
/// <remarks>
/// A first poll of 200 feeds kept the write lock for 70% of the polling time and had six polls waiting for it on
/// average, with a transaction per feed that wrote ~85 pages, mostly of the same indexes (then chiefly the story index,
/// since dropped). Queued writes sharing a commit write those pages once (200 transactions became about 60). The
/// writes share the transaction without a savepoint each: inside a savepoint SQLite journals every page a statement
/// changes until the savepoint is released, and a feed's inserts outgrew the in-memory journal, so a first poll wrote
/// ~45,000 pages to temporary files for rollbacks that never happened.
/// </remarks>
internal sealed class GroupCommit(ISqlDialect dialect) : IDisposable
{
    /// <summary>Writes in one transaction at most (a transaction's length stays that of a few writes).</summary>
    public const int MaxWritesPerCommit = 32;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Queue<Write> _queue = new();

    /// <summary>
    /// The writer's own connection, kept between transactions (under the lock): its page cache stays valid, as only it
    /// writes, where a connection from the pool read the pages it needed back after any other connection's commit (a
    /// first poll of 200 feeds: 9,100 instead of 11,600 page reads from the WAL). Dropped after a failed transaction.
    /// </summary>
    private DbConnection? _connection;

    public async Task WriteAsync(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var write = new Write(work, cancellationToken);
        lock (_queue)
        {
            _queue.Enqueue(write);
        }

        // Not cancelled while waiting: the write is queued and whoever holds the lock may already be running it; a write
        // whose token is cancelled before its turn is not started.
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            while (!write.Done.Task.IsCompleted)
            {
                await CommitQueuedAsync();
            }
        }
        finally
        {
            _lock.Release();
        }

        await write.Done.Task;
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _lock.Dispose();
    }

    /// <summary>The first queued writes (up to <see cref="MaxWritesPerCommit"/>) in one transaction, or each alone should one fail (under the lock).</summary>
    private async Task CommitQueuedAsync()
    {
        var batch = new List<Write>();
        lock (_queue)
        {
            while (batch.Count < MaxWritesPerCommit && _queue.TryDequeue(out var queued))
            {
                if (queued.CancellationToken.IsCancellationRequested)
                {
                    queued.Done.TrySetCanceled(queued.CancellationToken);
                }
                else
                {
                    batch.Add(queued);
                }
            }
        }

        if (batch.Count > 1 && await TryCommitTogetherAsync(batch))
        {
            return;
        }

        foreach (var write in batch)
        {
            await CommitAloneAsync(write);
        }
    }

    /// <summary>Every write of the batch in one transaction; false, with nothing committed and nobody answered, if any of them failed.</summary>
    private async Task<bool> TryCommitTogetherAsync(List<Write> batch)
    {
        try
        {
            var connection = _connection ??= await dialect.OpenAsync(CancellationToken.None);
            await using var tx = await connection.BeginTransactionAsync(CancellationToken.None);
            foreach (var write in batch)
            {
                await write.Work(connection, tx, write.CancellationToken);
            }

            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await DropConnectionAsync();
            return false;
        }

        foreach (var write in batch)
        {
            write.Done.TrySetResult();
        }

        return true;
    }

    private async Task CommitAloneAsync(Write write)
    {
        if (write.CancellationToken.IsCancellationRequested)
        {
            write.Done.TrySetCanceled(write.CancellationToken);
            return;
        }

        try
        {
            var connection = _connection ??= await dialect.OpenAsync(CancellationToken.None);
            await using var tx = await connection.BeginTransactionAsync(CancellationToken.None);
            await write.Work(connection, tx, write.CancellationToken);
            await tx.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            await DropConnectionAsync();
            write.Done.TrySetException(ex);
            return;
        }

        write.Done.TrySetResult();
    }

    /// <summary>After a failed transaction the next one starts on a fresh connection.</summary>
    private async Task DropConnectionAsync()
    {
        if (_connection is { } failed)
        {
            _connection = null;
            await failed.DisposeAsync();
        }
    }

    private sealed class Write(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        public Func<DbConnection, DbTransaction, CancellationToken, Task> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        /// <summary>Completed after the commit, never on the writer's own continuation.</summary>
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
