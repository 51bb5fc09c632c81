using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Monitor.Core.Items;

namespace Monitor.Storage.Sql;

/// <summary>
/// Monitor's state in a SQL database: the same statements on SQLite and PostgreSQL (named <c>@</c> parameters,
/// <c>ON CONFLICT</c> upserts, <c>RETURNING</c>), with the dialect supplying connections, DDL and migrations.
/// </summary>
public sealed class SqlMonitorStore : IMonitorStore, IDisposable
{
    /// <summary>Characters of a summary kept in the database (the digest shows far less).</summary>
    internal const int MaxStoredSummary = 4000;

    private const string FeedStateColumns = "feed_id, url, etag, last_modified, last_attempt_at, last_success_at, consecutive_failures, last_status, last_error, title, next_attempt_at, disabled_at, disabled_reason, held_items, permanent_url";

    /// <summary>Item ids per query of <see cref="GetMatchesAsync"/> (well below SQLite's and PostgreSQL's parameter limits).</summary>
    private const int MatchesPerQuery = 500;

    private const string MatchColumns = "i.id, i.feed_id, i.story_key, i.title_key, i.title, i.link, i.published_at, i.first_seen_at, i.summary, t.topic_id, t.terms";

    private readonly ISqlDialect _dialect;

    /// <summary>The writes, where the database has a single writer (null: every write its own transaction, concurrently).</summary>
    private readonly GroupCommit? _writer;

    public SqlMonitorStore(ISqlDialect dialect)
    {
        _dialect = dialect;
        _writer = dialect.SerializeWrites ? new GroupCommit(dialect) : null;
    }

    public static SqlMonitorStore Sqlite(string databasePath, TimeSpan? busyTimeout = null) => new(new SqliteDialect(databasePath, busyTimeout));

    public static SqlMonitorStore Postgres(string connectionString) => new(new PostgresDialect(connectionString));

    public ISqlDialect Dialect => _dialect;

    public int SchemaVersion => _dialect.Migrations.Count;

    public string Describe() => _dialect.Describe();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await _dialect.MigrateAsync(connection, cancellationToken);
    }

    public async Task<FeedState?> GetFeedStateAsync(string feedId, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {FeedStateColumns} FROM feed_state WHERE feed_id = @id";
        command.Add("@id", feedId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadFeedState(reader) : null;
    }

    public async Task<IReadOnlyList<FeedState>> GetFeedStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {FeedStateColumns} FROM feed_state ORDER BY feed_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<FeedState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(ReadFeedState(reader));
        }

        return states;
    }

    public Task SaveFeedStateAsync(FeedState state, CancellationToken cancellationToken) =>
        WriteAsync((connection, tx, ct) => UpsertFeedStateAsync(connection, tx, state, ct), cancellationToken);

    public Task SaveFeedStatesAsync(IReadOnlyCollection<FeedState> states, CancellationToken cancellationToken) => states.Count == 0
        ? Task.CompletedTask
        : WriteAsync(
            async (connection, tx, ct) =>
            {
                foreach (var state in states)
                {
                    await UpsertFeedStateAsync(connection, tx, state, ct);
                }
            },
            cancellationToken);

    private static async Task UpsertFeedStateAsync(DbConnection connection, DbTransaction tx, FeedState state, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            INSERT INTO feed_state ({FeedStateColumns})
            VALUES (@id, @url, @etag, @lm, @attempt, @success, @failures, @status, @error, @title, @next, @disabled, @disabledReason, @held, @permanent)
            ON CONFLICT (feed_id) DO UPDATE SET url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
                last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
                consecutive_failures = excluded.consecutive_failures, last_status = excluded.last_status,
                last_error = excluded.last_error, title = excluded.title, next_attempt_at = excluded.next_attempt_at,
                disabled_at = excluded.disabled_at, disabled_reason = excluded.disabled_reason, held_items = excluded.held_items,
                permanent_url = excluded.permanent_url
            """;
        command.Add("@id", state.FeedId);
        command.Add("@url", state.Url);
        command.Add("@etag", WellFormed(state.ETag));
        command.Add("@lm", WellFormed(state.LastModified));
        command.Add("@attempt", ToDb(state.LastAttemptAt));
        command.Add("@success", ToDb(state.LastSuccessAt));
        command.Add("@failures", state.ConsecutiveFailures);
        command.Add("@status", state.LastStatus);
        command.Add("@error", WellFormed(state.LastError));
        command.Add("@title", WellFormed(state.Title));
        command.Add("@next", ToDb(state.NextAttemptAt));
        command.Add("@disabled", ToDb(state.DisabledAt));
        command.Add("@disabledReason", WellFormed(state.DisabledReason));
        command.Add("@held", state.HeldItems);
        command.Add("@permanent", state.PermanentUrl);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task<IReadOnlyList<StoredItem>> AddItemsAsync(IReadOnlyList<MatchedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken) =>
        AddItemsAsync(items, seenAt, null, cancellationToken);

    public async Task<IReadOnlyList<StoredItem>> AddItemsAsync(IReadOnlyList<MatchedItem> items, DateTimeOffset seenAt, FeedState? feedState, CancellationToken cancellationToken)
    {
        if (items.Count == 0 && feedState is null)
        {
            return [];
        }

        // Everything but the statements is prepared before taking the write lock: only the inserts are serialized.
        var firstSeen = DateTimeOffset.FromUnixTimeMilliseconds(seenAt.ToUnixTimeMilliseconds());
        var rows = items.Select(PrepareRow).ToArray();
        var added = new List<StoredItem>();
        await WriteAsync(
            async (connection, tx, ct) =>
            {
                added.Clear();
                var batchRows = _dialect.InsertBatchRows;
                var topicRows = new List<(long Item, string Topic, string Terms)>();
                var inserts = new Dictionary<int, RowBatchInsert>();
                void AddStored(ItemRow row, long id)
                {
                    added.Add(new StoredItem(id, row.Item, firstSeen));
                    foreach (var (topic, terms) in row.Topics)
                    {
                        topicRows.Add((id, topic, terms));
                    }
                }

                try
                {
                    foreach (var batch in rows.Chunk(batchRows))
                    {
                        if (!inserts.TryGetValue(batch.Length, out var insert))
                        {
                            insert = new RowBatchInsert(
                                connection,
                                tx,
                                "INSERT INTO items (feed_id, item_key, story_key, title_key, title, link, published_at, summary, categories, first_seen_at) VALUES ",
                                columns: 9,
                                rows: batch.Length,
                                rowTail: ", @seen",
                                tail: batch.Length == 1 ? "ON CONFLICT (feed_id, item_key) DO NOTHING RETURNING id" : "ON CONFLICT (feed_id, item_key) DO NOTHING RETURNING feed_id, item_key, id");
                            insert.Share("@seen", firstSeen.ToUnixTimeMilliseconds());
                            inserts[batch.Length] = insert;
                        }

                        for (var r = 0; r < batch.Length; r++)
                        {
                            var item = batch[r].Item;
                            insert.Set(r, 0, item.FeedId);
                            insert.Set(r, 1, item.ItemKey);
                            insert.Set(r, 2, item.StoryKey);
                            insert.Set(r, 3, batch[r].TitleKey);
                            insert.Set(r, 4, item.Title);
                            insert.Set(r, 5, item.Link);
                            insert.Set(r, 6, ToDb(item.Published));
                            insert.Set(r, 7, item.Summary);
                            insert.Set(r, 8, batch[r].Categories);
                        }

                        if (batch.Length == 1)
                        {
                            // One row (SQLite's statement): its id, or nothing when the feed already had the item.
                            if (await insert.Command.ExecuteScalarAsync(ct) is { } newId and not DBNull)
                            {
                                AddStored(batch[0], Convert.ToInt64(newId, CultureInfo.InvariantCulture));
                            }

                            continue;
                        }

                        var inserted = new Dictionary<(string Feed, string Key), long>();
                        await using (var reader = await insert.Command.ExecuteReaderAsync(ct))
                        {
                            while (await reader.ReadAsync(ct))
                            {
                                inserted[(reader.GetString(0), reader.GetString(1))] = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                            }
                        }

                        foreach (var row in batch)
                        {
                            // Remove: an item listed twice is added once, as a second insert of it would have done nothing.
                            if (inserted.Remove((row.Item.FeedId, row.Item.ItemKey), out var id))
                            {
                                AddStored(row, id);
                            }
                        }
                    }

                    foreach (var batch in topicRows.Chunk(batchRows))
                    {
                        var key = -batch.Length; // topic inserts, kept apart from the item inserts' by sign
                        if (!inserts.TryGetValue(key, out var insert))
                        {
                            insert = new RowBatchInsert(connection, tx, "INSERT INTO item_topics (item_id, topic_id, terms) VALUES ", columns: 3, rows: batch.Length, rowTail: string.Empty, tail: "ON CONFLICT DO NOTHING");
                            inserts[key] = insert;
                        }

                        for (var r = 0; r < batch.Length; r++)
                        {
                            insert.Set(r, 0, batch[r].Item);
                            insert.Set(r, 1, batch[r].Topic);
                            insert.Set(r, 2, batch[r].Terms);
                        }

                        await insert.Command.ExecuteNonQueryAsync(ct);
                    }
                }
                finally
                {
                    foreach (var insert in inserts.Values)
                    {
                        await insert.DisposeAsync();
                    }
                }

                if (feedState is not null)
                {
                    await UpsertFeedStateAsync(connection, tx, feedState, ct);
                }
            },
            cancellationToken);
        return added;
    }

    /// <summary>An item's row as stored: the summary capped, its title key, categories and matched topics' terms as JSON.</summary>
    private static ItemRow PrepareRow(MatchedItem matched)
    {
        var item = WellFormed(matched.Item.Summary.Length > MaxStoredSummary ? matched.Item with { Summary = matched.Item.Summary[..MaxStoredSummary] } : matched.Item);
        return new ItemRow(
            item,
            ItemIdentity.TitleKey(item.Title),
            item.Categories.Count == 0 ? "[]" : JsonSerializer.Serialize(item.Categories, StorageJson.Default.IReadOnlyListString),
            [.. matched.Matches.Where(m => m.IsMatch).Select(m => (m.TopicId, JsonSerializer.Serialize(m.Hits.Select(h => h.Term).Distinct(StringComparer.Ordinal).ToArray(), StorageJson.Default.StringArray)))]);
    }

    /// <summary>
    /// The item with any unpaired surrogate in its texts replaced by U+FFFD (a feed's broken character, or an emoji cut in
    /// half by the summary cap), as SQLite's UTF-8 conversion stores it: PostgreSQL's driver refuses such text, which
    /// failed the whole poll. Items without surrogates, nearly all, are returned as they are.
    /// </summary>
    private static FeedItem WellFormed(FeedItem item)
    {
        var title = WellFormed(item.Title);
        var summary = WellFormed(item.Summary);
        var link = WellFormed(item.Link);
        var itemKey = WellFormed(item.ItemKey);
        var storyKey = WellFormed(item.StoryKey);
        var categories = item.Categories.Any(HasSurrogate) ? item.Categories.Select(c => WellFormed(c)).ToArray() : item.Categories;
        return ReferenceEquals(title, item.Title) && ReferenceEquals(summary, item.Summary) && ReferenceEquals(link, item.Link) &&
            ReferenceEquals(itemKey, item.ItemKey) && ReferenceEquals(storyKey, item.StoryKey) && ReferenceEquals(categories, item.Categories)
            ? item
            : item with { Title = title, Summary = summary, Link = link, ItemKey = itemKey, StoryKey = storyKey, Categories = categories };
    }

    /// <summary>
    /// The text with unpaired surrogates replaced by U+FFFD (as UTF-8 encoding does); the same instance when it has no
    /// surrogate. Used for every text that comes from a feed or its server (items, a feed's title, errors, validators).
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    private static string? WellFormed(string? text) =>
        text is null || !HasSurrogate(text) ? text : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    private static bool HasSurrogate(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    private sealed record ItemRow(FeedItem Item, string? TitleKey, string Categories, (string Topic, string Terms)[] Topics);

    public async Task<FeedHistory> GetFeedHistoryAsync(string feedId, IReadOnlyCollection<string> itemKeys, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        int count;
        DateTimeOffset? newest;
        await using (var summary = connection.CreateCommand())
        {
            summary.CommandText = "SELECT COUNT(*), MAX(published_at) FROM items WHERE feed_id = @feed";
            summary.Add("@feed", feedId);
            await using var reader = await summary.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            count = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            newest = FromDb(reader.GetValue(1));
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in itemKeys.Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((_, i) => "@k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            command.CommandText = $"SELECT item_key FROM items WHERE feed_id = @feed AND item_key IN ({string.Join(", ", names)})";
            command.Add("@feed", feedId);
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Add(names[i], chunk[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                known.Add(reader.GetString(0));
            }
        }

        return new FeedHistory(count, newest, known);
    }

    public async Task<IReadOnlyList<StoredMatch>> GetPendingAsync(string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (topicIds.Count == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = PendingCommand(connection, MatchColumns, subscriber, topicIds, cutoff);
        return await ReadMatchesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<(long ItemId, string TopicId)>> GetPendingKeysAsync(string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (topicIds.Count == 0)
        {
            return [];
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = PendingCommand(connection, "i.id, t.topic_id", subscriber, topicIds, cutoff);
        var keys = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return keys;
    }

    /// <summary>
    /// The one query behind <see cref="GetPendingAsync"/> and <see cref="GetPendingKeysAsync"/>, selecting
    /// <paramref name="columns"/>. The items of the time window come first (<c>CROSS JOIN</c> keeps that order on SQLite,
    /// whose planner would otherwise start from every item ever matched to the topics, a list that only grows), and on
    /// SQLite the window index holds every column the conditions test, so only the pending items' rows are read. The
    /// topic test comes again before the sent-ledger tests: SQLite tests an item's conditions before joining its topic
    /// rows, and most items of a window match none of a subscriber's topics (a quarter less time per query).
    /// </summary>
    private static DbCommand PendingCommand(DbConnection connection, string columns, string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff)
    {
        var command = connection.CreateCommand();
        var topicParams = string.Join(", ", topicIds.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"""
            SELECT {columns}
            FROM items i CROSS JOIN item_topics t
            WHERE t.item_id = i.id
              AND t.topic_id IN ({topicParams})
              AND i.first_seen_at >= @cutoff
              AND COALESCE(i.published_at, i.first_seen_at) >= @cutoff
              AND EXISTS (SELECT 1 FROM item_topics m WHERE m.item_id = i.id AND m.topic_id IN ({topicParams}))
              AND NOT EXISTS (SELECT 1 FROM sent_stories s WHERE s.subscriber = @sub AND s.story_key = i.story_key)
              AND (i.title_key IS NULL OR NOT EXISTS (SELECT 1 FROM sent_titles st WHERE st.subscriber = @sub AND st.title_key = i.title_key))
            ORDER BY i.first_seen_at, i.id, t.topic_id
            """;
        var index = 0;
        foreach (var topicId in topicIds)
        {
            command.Add("@t" + index.ToString(CultureInfo.InvariantCulture), topicId);
            index++;
        }

        command.Add("@sub", NormalizeSubscriber(subscriber));
        command.Add("@cutoff", cutoff.ToUnixTimeMilliseconds());
        return command;
    }

    public async IAsyncEnumerable<SentStory> ReadSentStoriesAsync(string subscriber, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);

        // A subscriber who was never sent anything (every one in a first cycle) has nothing to walk the window for.
        await using (var any = connection.CreateCommand())
        {
            any.CommandText = "SELECT 1 FROM sent_stories WHERE subscriber = @sub LIMIT 1";
            any.Add("@sub", NormalizeSubscriber(subscriber));
            if (await any.ExecuteScalarAsync(cancellationToken) is null)
            {
                yield break;
            }
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.id, i.story_key, i.title, i.summary, i.first_seen_at
            FROM items i
            WHERE i.first_seen_at >= @since
              AND EXISTS (SELECT 1 FROM sent_stories s WHERE s.subscriber = @sub AND s.story_key = i.story_key)
            ORDER BY i.first_seen_at, i.id
            """;
        command.Add("@sub", NormalizeSubscriber(subscriber));
        command.Add("@since", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new SentStory(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                FromDb(reader.GetValue(4)) ?? DateTimeOffset.UnixEpoch);
        }
    }

    public async Task<IReadOnlyList<StoredMatch>> GetMatchesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {MatchColumns}
            FROM items i JOIN item_topics t ON t.item_id = i.id
            WHERE i.first_seen_at >= @since
            ORDER BY i.first_seen_at, i.id
            """;
        command.Add("@since", since.ToUnixTimeMilliseconds());
        return await ReadMatchesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredMatch>> GetMatchesAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var matches = new List<StoredMatch>();
        if (itemIds.Count == 0)
        {
            return matches;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        foreach (var chunk in itemIds.Distinct().Chunk(MatchesPerQuery))
        {
            await using var command = connection.CreateCommand();
            var ids = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var name = "@i" + i.ToString(CultureInfo.InvariantCulture);
                ids.Append(i == 0 ? string.Empty : ", ").Append(name);
                command.Add(name, chunk[i]);
            }

            command.CommandText = $"""
                SELECT {MatchColumns}
                FROM items i JOIN item_topics t ON t.item_id = i.id
                WHERE i.id IN ({ids})
                ORDER BY i.first_seen_at, i.id
                """;
            matches.AddRange(await ReadMatchesAsync(command, cancellationToken));
        }

        return matches;
    }

    public Task MarkSentAsync(string subscriber, IReadOnlyCollection<string> storyKeys, IReadOnlyCollection<string> titleKeys, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        WriteAsync((connection, tx, ct) => MarkSentAsync(connection, tx, NormalizeSubscriber(subscriber), storyKeys, titleKeys, messageId, sentAt, ct), cancellationToken);

    public async Task<DateTimeOffset?> GetLastDigestAsync(string subscriber, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_digest_at FROM digest_state WHERE subscriber = @sub";
        command.Add("@sub", NormalizeSubscriber(subscriber));
        return FromDb(await command.ExecuteScalarAsync(cancellationToken));
    }

    public Task SetLastDigestAsync(string subscriber, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync((connection, tx, ct) => SetLastDigestAsync(connection, tx, NormalizeSubscriber(subscriber), at, ct), cancellationToken);

    public async Task<bool> TryAcquireDigestLeaseAsync(string subscriber, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acquired = false;
        await WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = """
                    INSERT INTO digest_leases (subscriber, owner, expires_at) VALUES (@sub, @owner, @expires)
                    ON CONFLICT (subscriber) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                    WHERE digest_leases.expires_at < @now OR digest_leases.owner = excluded.owner
                    """;
                command.Add("@sub", NormalizeSubscriber(subscriber));
                command.Add("@owner", owner);
                command.Add("@expires", (now + ttl).ToUnixTimeMilliseconds());
                command.Add("@now", now.ToUnixTimeMilliseconds());
                acquired = await command.ExecuteNonQueryAsync(ct) == 1;
            },
            cancellationToken);
        return acquired;
    }

    public Task ReleaseDigestLeaseAsync(string subscriber, string owner, CancellationToken cancellationToken) => WriteAsync(
        async (connection, tx, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "DELETE FROM digest_leases WHERE subscriber = @sub AND owner = @owner";
            command.Add("@sub", NormalizeSubscriber(subscriber));
            command.Add("@owner", owner);
            await command.ExecuteNonQueryAsync(ct);
        },
        cancellationToken);

    public async Task<string?> GetDigestLeaseOwnerAsync(string subscriber, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner FROM digest_leases WHERE subscriber = @sub";
        command.Add("@sub", NormalizeSubscriber(subscriber));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<bool> TakeOverDigestLeaseAsync(string subscriber, string staleOwner, string owner, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taken = false;
        await WriteAsync(
            async (connection, tx, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = "UPDATE digest_leases SET owner = @owner, expires_at = @expires WHERE subscriber = @sub AND owner = @stale";
                command.Add("@sub", NormalizeSubscriber(subscriber));
                command.Add("@owner", owner);
                command.Add("@stale", staleOwner);
                command.Add("@expires", (now + ttl).ToUnixTimeMilliseconds());
                taken = await command.ExecuteNonQueryAsync(ct) == 1;
            },
            cancellationToken);
        return taken;
    }

    public Task RecordAttemptAsync(DigestAttempt attempt, CancellationToken cancellationToken) => WriteAsync(
        async (connection, tx, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO digest_attempts (message_id, subscriber, created_at, story_keys, title_keys, message)
                VALUES (@id, @sub, @created, @stories, @titles, @message)
                """;
            command.Add("@id", attempt.MessageId);
            command.Add("@sub", NormalizeSubscriber(attempt.Subscriber));
            command.Add("@created", attempt.CreatedAt.ToUnixTimeMilliseconds());
            command.Add("@stories", JsonSerializer.Serialize(attempt.StoryKeys, StorageJson.Default.IReadOnlyCollectionString));
            command.Add("@titles", JsonSerializer.Serialize(attempt.TitleKeys, StorageJson.Default.IReadOnlyCollectionString));
            command.Add("@message", attempt.Message);
            await command.ExecuteNonQueryAsync(ct);
        },
        cancellationToken);

    public async Task<DigestAttempt?> GetUnfinishedAttemptAsync(string subscriber, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, subscriber, created_at, story_keys, title_keys, message FROM digest_attempts WHERE subscriber = @sub ORDER BY created_at LIMIT 1";
        command.Add("@sub", NormalizeSubscriber(subscriber));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new DigestAttempt(
            reader.GetString(0),
            reader.GetString(1),
            FromDb(reader.GetValue(2)) ?? DateTimeOffset.UnixEpoch,
            JsonSerializer.Deserialize(reader.GetString(3), StorageJson.Default.StringArray) ?? [],
            JsonSerializer.Deserialize(reader.GetString(4), StorageJson.Default.StringArray) ?? [],
            (byte[])reader.GetValue(5));
    }

    public Task DiscardAttemptAsync(string messageId, CancellationToken cancellationToken) => WriteAsync(
        async (connection, tx, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "DELETE FROM digest_attempts WHERE message_id = @id";
            command.Add("@id", messageId);
            await command.ExecuteNonQueryAsync(ct);
        },
        cancellationToken);

    public Task CompleteAttemptAsync(DigestAttempt attempt, DateTimeOffset sentAt, CancellationToken cancellationToken) => WriteAsync(
        async (connection, tx, ct) =>
        {
            var subscriber = NormalizeSubscriber(attempt.Subscriber);
            await MarkSentAsync(connection, tx, subscriber, attempt.StoryKeys, attempt.TitleKeys, attempt.MessageId, sentAt, ct);
            await SetLastDigestAsync(connection, tx, subscriber, sentAt, ct);
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "DELETE FROM digest_attempts WHERE message_id = @id";
            command.Add("@id", attempt.MessageId);
            await command.ExecuteNonQueryAsync(ct);
        },
        cancellationToken);

    public async Task<int> CountSentAsync(string subscriber, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sent_stories WHERE subscriber = @sub";
        command.Add("@sub", NormalizeSubscriber(subscriber));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        if (_dialect is IAsyncDisposable disposable)
        {
            disposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static async Task MarkSentAsync(DbConnection connection, DbTransaction tx, string subscriber, IReadOnlyCollection<string> storyKeys, IReadOnlyCollection<string> titleKeys, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using (var story = connection.CreateCommand())
        {
            story.Transaction = tx;
            story.CommandText = "INSERT INTO sent_stories (subscriber, story_key, sent_at, message_id) VALUES (@sub, @key, @at, @mid) ON CONFLICT DO NOTHING";
            story.Add("@sub", subscriber);
            story.Add("@at", sentAt.ToUnixTimeMilliseconds());
            story.Add("@mid", messageId);
            var pKey = story.Add("@key", null);
            foreach (var key in storyKeys)
            {
                pKey.Value = key;
                await story.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var title = connection.CreateCommand();
        title.Transaction = tx;
        title.CommandText = "INSERT INTO sent_titles (subscriber, title_key) VALUES (@sub, @key) ON CONFLICT DO NOTHING";
        title.Add("@sub", subscriber);
        var pTitle = title.Add("@key", null);
        foreach (var key in titleKeys)
        {
            pTitle.Value = key;
            await title.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task SetLastDigestAsync(DbConnection connection, DbTransaction tx, string subscriber, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO digest_state (subscriber, last_digest_at) VALUES (@sub, @at)
            ON CONFLICT (subscriber) DO UPDATE SET last_digest_at =
                CASE WHEN excluded.last_digest_at > digest_state.last_digest_at THEN excluded.last_digest_at ELSE digest_state.last_digest_at END
            """;
        command.Add("@sub", subscriber);
        command.Add("@at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string NormalizeSubscriber(string email) => email.Trim().ToLowerInvariant();

    /// <summary>One write transaction; where the database has a single writer, queued writes share one (<see cref="GroupCommit"/>).</summary>
    private async Task WriteAsync(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.WriteAsync(work, cancellationToken);
            return;
        }

        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await work(connection, tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Match rows (one per item and topic, an item's rows next to each other as every query orders them): an item's
    /// second topic shares the first row's texts instead of reading and holding them again (a match of two topics is
    /// common; a first poll of 1,000 feeds has 36,700 rows for 22,600 items).
    /// </summary>
    private static async Task<IReadOnlyList<StoredMatch>> ReadMatchesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var result = new List<StoredMatch>();
        StoredMatch? previous = null;

        // Values many rows repeat (a few topics, the feeds, the same keyword lists) are held once, not once per row.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var termLists = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string Shared(string value)
        {
            if (names.TryGetValue(value, out var known))
            {
                return known;
            }

            names.Add(value);
            return value;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var itemId = reader.GetInt64(0);
            var topicId = Shared(reader.GetString(9));
            var json = reader.GetString(10);
            if (!termLists.TryGetValue(json, out var terms))
            {
                terms = JsonSerializer.Deserialize(json, StorageJson.Default.StringArray) ?? [];
                termLists[json] = terms;
            }

            previous = previous is not null && previous.ItemId == itemId
                ? previous with { TopicId = topicId, Terms = terms }
                : new StoredMatch(
                    ItemId: itemId,
                    FeedId: Shared(reader.GetString(1)),
                    StoryKey: reader.GetString(2),
                    TitleKey: reader.IsDBNull(3) ? null : reader.GetString(3),
                    Title: reader.GetString(4),
                    Link: reader.IsDBNull(5) ? null : reader.GetString(5),
                    Published: FromDb(reader.GetValue(6)),
                    FirstSeen: FromDb(reader.GetValue(7)) ?? DateTimeOffset.UnixEpoch,
                    Summary: reader.GetString(8),
                    TopicId: topicId,
                    Terms: terms);
            result.Add(previous);
        }

        return result;
    }

    private static FeedState ReadFeedState(DbDataReader reader) => new(
        FeedId: reader.GetString(0),
        Url: reader.GetString(1),
        ETag: reader.IsDBNull(2) ? null : reader.GetString(2),
        LastModified: reader.IsDBNull(3) ? null : reader.GetString(3),
        LastAttemptAt: FromDb(reader.GetValue(4)),
        LastSuccessAt: FromDb(reader.GetValue(5)),
        ConsecutiveFailures: reader.GetInt32(6),
        LastStatus: reader.IsDBNull(7) ? null : reader.GetString(7),
        LastError: reader.IsDBNull(8) ? null : reader.GetString(8),
        Title: reader.IsDBNull(9) ? null : reader.GetString(9),
        NextAttemptAt: FromDb(reader.GetValue(10)),
        DisabledAt: FromDb(reader.GetValue(11)),
        DisabledReason: reader.IsDBNull(12) ? null : reader.GetString(12),
        HeldItems: reader.GetInt32(13),
        PermanentUrl: reader.IsDBNull(14) ? null : reader.GetString(14));

    private static object ToDb(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    private static DateTimeOffset? FromDb(object? value) =>
        value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
}
