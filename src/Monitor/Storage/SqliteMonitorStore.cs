using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitor.Core.Items;

namespace Monitor.Storage;

/// <summary>
/// SQLite store in the data folder (WAL mode). The schema is versioned with <c>PRAGMA user_version</c> and migrated
/// forward on start. Writes are serialized in-process; SQLite's busy timeout covers other processes.
/// </summary>
public sealed class SqliteMonitorStore : IMonitorStore, IDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE feed_state (
            feed_id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_attempt_at INTEGER,
            last_success_at INTEGER,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            last_status TEXT,
            last_error TEXT,
            title TEXT);
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            feed_id TEXT NOT NULL,
            item_key TEXT NOT NULL,
            story_key TEXT NOT NULL,
            title_key TEXT,
            title TEXT NOT NULL,
            link TEXT,
            published_at INTEGER,
            summary TEXT NOT NULL,
            categories TEXT NOT NULL,
            first_seen_at INTEGER NOT NULL,
            UNIQUE (feed_id, item_key));
        CREATE INDEX ix_items_story ON items (story_key);
        CREATE INDEX ix_items_first_seen ON items (first_seen_at);
        CREATE TABLE item_topics (
            item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
            topic_id TEXT NOT NULL,
            terms TEXT NOT NULL,
            PRIMARY KEY (item_id, topic_id));
        CREATE INDEX ix_item_topics_topic ON item_topics (topic_id);
        CREATE TABLE sent_stories (
            subscriber TEXT NOT NULL,
            story_key TEXT NOT NULL,
            sent_at INTEGER NOT NULL,
            message_id TEXT NOT NULL,
            PRIMARY KEY (subscriber, story_key));
        CREATE TABLE sent_titles (
            subscriber TEXT NOT NULL,
            title_key TEXT NOT NULL,
            PRIMARY KEY (subscriber, title_key));
        CREATE TABLE digest_state (
            subscriber TEXT PRIMARY KEY,
            last_digest_at INTEGER NOT NULL);
        """,
    ];

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteMonitorStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Default,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public static int SchemaVersion => Migrations.Length;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        var version = Convert.ToInt32(await ScalarAsync(connection, null, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException($"The database schema is version {version}, newer than this Monitor ({Migrations.Length}). Upgrade Monitor.");
        }

        for (var next = version; next < Migrations.Length; next++)
        {
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, tx, Migrations[next], cancellationToken);
            await ExecuteAsync(connection, tx, $"PRAGMA user_version = {next + 1};", cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
    }

    public async Task<FeedState?> GetFeedStateAsync(string feedId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT feed_id, url, etag, last_modified, last_attempt_at, last_success_at, consecutive_failures, last_status, last_error, title FROM feed_state WHERE feed_id = $id";
        command.Parameters.AddWithValue("$id", feedId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadFeedState(reader) : null;
    }

    public async Task<IReadOnlyList<FeedState>> GetFeedStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT feed_id, url, etag, last_modified, last_attempt_at, last_success_at, consecutive_failures, last_status, last_error, title FROM feed_state ORDER BY feed_id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<FeedState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(ReadFeedState(reader));
        }

        return states;
    }

    public async Task SaveFeedStateAsync(FeedState state, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO feed_state (feed_id, url, etag, last_modified, last_attempt_at, last_success_at, consecutive_failures, last_status, last_error, title)
                VALUES ($id, $url, $etag, $lm, $attempt, $success, $failures, $status, $error, $title)
                ON CONFLICT (feed_id) DO UPDATE SET url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified,
                    last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at,
                    consecutive_failures = excluded.consecutive_failures, last_status = excluded.last_status,
                    last_error = excluded.last_error, title = excluded.title
                """;
            command.Parameters.AddWithValue("$id", state.FeedId);
            command.Parameters.AddWithValue("$url", state.Url);
            command.Parameters.AddWithValue("$etag", (object?)state.ETag ?? DBNull.Value);
            command.Parameters.AddWithValue("$lm", (object?)state.LastModified ?? DBNull.Value);
            command.Parameters.AddWithValue("$attempt", ToDb(state.LastAttemptAt));
            command.Parameters.AddWithValue("$success", ToDb(state.LastSuccessAt));
            command.Parameters.AddWithValue("$failures", state.ConsecutiveFailures);
            command.Parameters.AddWithValue("$status", (object?)state.LastStatus ?? DBNull.Value);
            command.Parameters.AddWithValue("$error", (object?)state.LastError ?? DBNull.Value);
            command.Parameters.AddWithValue("$title", (object?)state.Title ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<FeedItem>> AddItemsAsync(IReadOnlyList<MatchedItem> items, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var added = new List<FeedItem>();
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO items (feed_id, item_key, story_key, title_key, title, link, published_at, summary, categories, first_seen_at)
                VALUES ($feed, $key, $story, $titleKey, $title, $link, $published, $summary, $categories, $seen)
                ON CONFLICT (feed_id, item_key) DO NOTHING
                RETURNING id
                """;
            var pFeed = insert.Parameters.Add("$feed", SqliteType.Text);
            var pKey = insert.Parameters.Add("$key", SqliteType.Text);
            var pStory = insert.Parameters.Add("$story", SqliteType.Text);
            var pTitleKey = insert.Parameters.Add("$titleKey", SqliteType.Text);
            var pTitle = insert.Parameters.Add("$title", SqliteType.Text);
            var pLink = insert.Parameters.Add("$link", SqliteType.Text);
            var pPublished = insert.Parameters.Add("$published", SqliteType.Integer);
            var pSummary = insert.Parameters.Add("$summary", SqliteType.Text);
            var pCategories = insert.Parameters.Add("$categories", SqliteType.Text);
            insert.Parameters.AddWithValue("$seen", seenAt.ToUnixTimeMilliseconds());

            await using var topic = connection.CreateCommand();
            topic.Transaction = tx;
            topic.CommandText = "INSERT OR IGNORE INTO item_topics (item_id, topic_id, terms) VALUES ($item, $topic, $terms)";
            var pItem = topic.Parameters.Add("$item", SqliteType.Integer);
            var pTopic = topic.Parameters.Add("$topic", SqliteType.Text);
            var pTerms = topic.Parameters.Add("$terms", SqliteType.Text);

            foreach (var matched in items)
            {
                var item = matched.Item;
                pFeed.Value = item.FeedId;
                pKey.Value = item.ItemKey;
                pStory.Value = item.StoryKey;
                pTitleKey.Value = (object?)ItemIdentity.TitleKey(item.Title) ?? DBNull.Value;
                pTitle.Value = item.Title;
                pLink.Value = (object?)item.Link ?? DBNull.Value;
                pPublished.Value = ToDb(item.Published);
                pSummary.Value = item.Summary;
                pCategories.Value = JsonSerializer.Serialize(item.Categories);
                var id = await insert.ExecuteScalarAsync(cancellationToken);
                if (id is null or DBNull)
                {
                    continue;
                }

                added.Add(item);
                foreach (var match in matched.Matches.Where(m => m.IsMatch))
                {
                    pItem.Value = id;
                    pTopic.Value = match.TopicId;
                    pTerms.Value = JsonSerializer.Serialize(match.Hits.Select(h => h.Term).Distinct(StringComparer.Ordinal).ToArray());
                    await topic.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }

        return added;
    }

    public async Task<IReadOnlyList<StoredMatch>> GetPendingAsync(string subscriber, IReadOnlyCollection<string> topicIds, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (topicIds.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var topicParams = string.Join(", ", topicIds.Select((_, i) => "$t" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"""
            SELECT i.id, i.feed_id, i.story_key, i.title_key, i.title, i.link, i.published_at, i.first_seen_at, i.summary, t.topic_id, t.terms
            FROM items i JOIN item_topics t ON t.item_id = i.id
            WHERE t.topic_id IN ({topicParams})
              AND i.first_seen_at >= $cutoff
              AND COALESCE(i.published_at, i.first_seen_at) >= $cutoff
              AND NOT EXISTS (SELECT 1 FROM sent_stories s WHERE s.subscriber = $sub AND s.story_key = i.story_key)
              AND (i.title_key IS NULL OR NOT EXISTS (SELECT 1 FROM sent_titles st WHERE st.subscriber = $sub AND st.title_key = i.title_key))
            ORDER BY i.first_seen_at, i.id
            """;
        var index = 0;
        foreach (var topicId in topicIds)
        {
            command.Parameters.AddWithValue("$t" + index.ToString(CultureInfo.InvariantCulture), topicId);
            index++;
        }

        command.Parameters.AddWithValue("$sub", NormalizeSubscriber(subscriber));
        command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
        return await ReadMatchesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredMatch>> GetMatchesSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.id, i.feed_id, i.story_key, i.title_key, i.title, i.link, i.published_at, i.first_seen_at, i.summary, t.topic_id, t.terms
            FROM items i JOIN item_topics t ON t.item_id = i.id
            WHERE i.first_seen_at >= $since
            ORDER BY i.first_seen_at, i.id
            """;
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        return await ReadMatchesAsync(command, cancellationToken);
    }

    public async Task MarkSentAsync(string subscriber, IReadOnlyCollection<string> storyKeys, IReadOnlyCollection<string> titleKeys, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var sub = NormalizeSubscriber(subscriber);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var story = connection.CreateCommand())
            {
                story.Transaction = tx;
                story.CommandText = "INSERT OR IGNORE INTO sent_stories (subscriber, story_key, sent_at, message_id) VALUES ($sub, $key, $at, $mid)";
                story.Parameters.AddWithValue("$sub", sub);
                story.Parameters.AddWithValue("$at", sentAt.ToUnixTimeMilliseconds());
                story.Parameters.AddWithValue("$mid", messageId);
                var pKey = story.Parameters.Add("$key", SqliteType.Text);
                foreach (var key in storyKeys)
                {
                    pKey.Value = key;
                    await story.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await using (var title = connection.CreateCommand())
            {
                title.Transaction = tx;
                title.CommandText = "INSERT OR IGNORE INTO sent_titles (subscriber, title_key) VALUES ($sub, $key)";
                title.Parameters.AddWithValue("$sub", sub);
                var pKey = title.Parameters.Add("$key", SqliteType.Text);
                foreach (var key in titleKeys)
                {
                    pKey.Value = key;
                    await title.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await tx.CommitAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<DateTimeOffset?> GetLastDigestAsync(string subscriber, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_digest_at FROM digest_state WHERE subscriber = $sub";
        command.Parameters.AddWithValue("$sub", NormalizeSubscriber(subscriber));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return FromDb(value);
    }

    public async Task SetLastDigestAsync(string subscriber, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO digest_state (subscriber, last_digest_at) VALUES ($sub, $at)
                ON CONFLICT (subscriber) DO UPDATE SET last_digest_at = MAX(last_digest_at, excluded.last_digest_at)
                """;
            command.Parameters.AddWithValue("$sub", NormalizeSubscriber(subscriber));
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<int> CountSentAsync(string subscriber, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sent_stories WHERE subscriber = $sub";
        command.Parameters.AddWithValue("$sub", NormalizeSubscriber(subscriber));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _writeLock.Dispose();

    private static string NormalizeSubscriber(string email) => email.Trim().ToLowerInvariant();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<StoredMatch>> ReadMatchesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<StoredMatch>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new StoredMatch(
                ItemId: reader.GetInt64(0),
                FeedId: reader.GetString(1),
                StoryKey: reader.GetString(2),
                TitleKey: reader.IsDBNull(3) ? null : reader.GetString(3),
                Title: reader.GetString(4),
                Link: reader.IsDBNull(5) ? null : reader.GetString(5),
                Published: FromDb(reader.GetValue(6)),
                FirstSeen: FromDb(reader.GetValue(7)) ?? DateTimeOffset.UnixEpoch,
                Summary: reader.GetString(8),
                TopicId: reader.GetString(9),
                Terms: JsonSerializer.Deserialize<string[]>(reader.GetString(10)) ?? []));
        }

        return result;
    }

    private static FeedState ReadFeedState(SqliteDataReader reader) => new(
        FeedId: reader.GetString(0),
        Url: reader.GetString(1),
        ETag: reader.IsDBNull(2) ? null : reader.GetString(2),
        LastModified: reader.IsDBNull(3) ? null : reader.GetString(3),
        LastAttemptAt: FromDb(reader.GetValue(4)),
        LastSuccessAt: FromDb(reader.GetValue(5)),
        ConsecutiveFailures: reader.GetInt32(6),
        LastStatus: reader.IsDBNull(7) ? null : reader.GetString(7),
        LastError: reader.IsDBNull(8) ? null : reader.GetString(8),
        Title: reader.IsDBNull(9) ? null : reader.GetString(9));

    private static object ToDb(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    private static DateTimeOffset? FromDb(object? value) =>
        value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
}
