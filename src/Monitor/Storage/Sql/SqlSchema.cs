namespace Monitor.Storage.Sql;

/// <summary>Monitor's tables, written once with the few type names that differ per database filled in.</summary>
internal static class SqlSchema
{
    /// <param name="identity">The auto-increment primary-key column type.</param>
    /// <param name="bigint">A 64-bit integer column type.</param>
    /// <param name="blob">A binary column type.</param>
    /// <param name="windowColumns">
    /// The columns of the items' time-window index, <c>first_seen_at</c> first: on SQLite also the columns the pending
    /// and sent-story queries test (the index then answers them without reading the wide item rows); on PostgreSQL only
    /// <c>first_seen_at</c>, as a B-tree entry there is limited to about 2.7 kB and a story key is a link of any length.
    /// </param>
    public static IReadOnlyList<string> Migrations(string identity, string bigint, string blob, string windowColumns) =>
    [
        $"""
        CREATE TABLE feed_state (
            feed_id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_attempt_at {bigint},
            last_success_at {bigint},
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            last_status TEXT,
            last_error TEXT,
            title TEXT);
        CREATE TABLE items (
            id {identity},
            feed_id TEXT NOT NULL,
            item_key TEXT NOT NULL,
            story_key TEXT NOT NULL,
            title_key TEXT,
            title TEXT NOT NULL,
            link TEXT,
            published_at {bigint},
            summary TEXT NOT NULL,
            categories TEXT NOT NULL,
            first_seen_at {bigint} NOT NULL,
            UNIQUE (feed_id, item_key));
        CREATE INDEX ix_items_story ON items (story_key);
        CREATE INDEX ix_items_first_seen ON items (first_seen_at);
        CREATE TABLE item_topics (
            item_id {bigint} NOT NULL REFERENCES items (id) ON DELETE CASCADE,
            topic_id TEXT NOT NULL,
            terms TEXT NOT NULL,
            PRIMARY KEY (item_id, topic_id));
        CREATE INDEX ix_item_topics_topic ON item_topics (topic_id);
        CREATE TABLE sent_stories (
            subscriber TEXT NOT NULL,
            story_key TEXT NOT NULL,
            sent_at {bigint} NOT NULL,
            message_id TEXT NOT NULL,
            PRIMARY KEY (subscriber, story_key));
        CREATE TABLE sent_titles (
            subscriber TEXT NOT NULL,
            title_key TEXT NOT NULL,
            PRIMARY KEY (subscriber, title_key));
        CREATE TABLE digest_state (
            subscriber TEXT PRIMARY KEY,
            last_digest_at {bigint} NOT NULL);
        """,
        $"""
        CREATE TABLE digest_leases (
            subscriber TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at {bigint} NOT NULL);
        CREATE TABLE digest_attempts (
            message_id TEXT PRIMARY KEY,
            subscriber TEXT NOT NULL,
            created_at {bigint} NOT NULL,
            story_keys TEXT NOT NULL,
            title_keys TEXT NOT NULL,
            message {blob} NOT NULL);
        CREATE INDEX ix_digest_attempts_subscriber ON digest_attempts (subscriber);
        """,
        $"""
        ALTER TABLE feed_state ADD COLUMN next_attempt_at {bigint};
        ALTER TABLE feed_state ADD COLUMN disabled_at {bigint};
        ALTER TABLE feed_state ADD COLUMN disabled_reason TEXT;
        ALTER TABLE feed_state ADD COLUMN held_items INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE subscriptions (
            email TEXT PRIMARY KEY,
            name TEXT,
            topics TEXT NOT NULL,
            schedule TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            status TEXT NOT NULL,
            created_at {bigint} NOT NULL,
            updated_at {bigint} NOT NULL,
            confirmed_at {bigint},
            unsubscribed_at {bigint});
        """,
        """
        ALTER TABLE feed_state ADD COLUMN permanent_url TEXT;
        """,

        // The story index goes: its keys are canonical links (~100 characters) in random order, so every commit of new
        // items rewrote most of its pages (a first poll of 200 feeds x 50 items took 15% longer with it). Its
        // one reader, the sent stories of a subscriber, now walks the items of the time window instead (bounded by
        // MaxItemAge) and looks each one up in the sent ledger, rather than walking the subscriber's whole ledger,
        // which only grows. The window index, appended to in time order, replaces the first-seen index.
        $"""
        DROP INDEX IF EXISTS ix_items_story;
        DROP INDEX IF EXISTS ix_items_first_seen;
        CREATE INDEX IF NOT EXISTS ix_items_window ON items ({windowColumns});
        """,
    ];
}
