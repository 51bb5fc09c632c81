using System.Globalization;
using Monitor.Core.Items;
using Monitor.Core.Matching;
using Monitor.Storage;
using Monitor.Storage.Sql;

namespace Monitor.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IMonitorStore"/> must have. Each database runs this same suite through a sealed
/// subclass that says how to open a store on a fresh database.
/// </summary>
public abstract class MonitorStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
    protected static readonly CancellationToken None = CancellationToken.None;

    private SqlMonitorStore _store = null!;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        _store = OpenStore();
        await _store.InitializeAsync(None);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await DropDatabaseAsync();
    }

    /// <summary>Prepares an empty database for this test.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>A new store instance on this test's database (several may be open at once).</summary>
    protected abstract SqlMonitorStore OpenStore();

    protected abstract Task DropDatabaseAsync();

    /// <summary>Sets the schema version as Monitor records it on this database.</summary>
    protected abstract Task SetSchemaVersionAsync(int version);

    protected abstract Task<int> SchemaVersionAsync();

    [Fact]
    public async Task Given_an_initialized_database_when_initialized_again_then_it_succeeds_keeps_the_data_and_the_schema_version()
    {
        await _store.AddItemsAsync([Matched("wire", "w1", "DeepSeek V4 released", Now, "models")], Now, None);

        await _store.InitializeAsync(None);
        using var second = OpenStore();
        await second.InitializeAsync(None);

        Assert.Equal(_store.SchemaVersion, await SchemaVersionAsync());
        Assert.True(_store.SchemaVersion >= 2);
        Assert.Single(await second.GetMatchesSinceAsync(Now.AddDays(-1), None));
    }

    [Fact]
    public async Task Given_a_database_one_schema_version_behind_when_initialized_then_it_migrates_and_keeps_its_items()
    {
        await _store.AddItemsAsync([Matched("wire", "w1", "DeepSeek V4 released", Now, "models")], Now, None);
        await SetSchemaVersionAsync(_store.SchemaVersion - 1);

        using var upgraded = OpenStore();
        await upgraded.InitializeAsync(None);

        Assert.Equal(upgraded.SchemaVersion, await SchemaVersionAsync());
        Assert.Single(await upgraded.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-1), None));
    }

    [Fact]
    public async Task Given_sent_stories_when_read_back_for_a_window_then_every_item_of_them_first_seen_in_it_comes_in_order_and_nothing_else()
    {
        // Given: a story sent two weeks ago whose link a second outlet carries today, a story sent within the window, a
        // story not sent, and one sent to somebody else.
        var old = Now.AddDays(-14);
        var first = await _store.AddItemsAsync([Linked("wire", "w1", "DeepSeek V4 released", old, "models", "https://deepseek.example/v4")], old, None);
        await _store.MarkSentAsync("analyst@test.local", [first[0].Item.StoryKey], [], "<m0@test.local>", old, None);
        var added = await _store.AddItemsAsync(
            [
                Linked("blog", "b1", "DeepSeek V4: the weights are out", Now, "models", "https://deepseek.example/v4"),
                Linked("wire", "w2", "H100 export rules tightened", Now, "export", "https://policy.example/h100"),
                Linked("wire", "w3", "Qwen 3 MoE announced", Now, "models", "https://qwen.example/3"),
                Linked("wire", "w4", "Blackwell shipments paused", Now, "export", "https://policy.example/blackwell"),
            ],
            Now.AddMinutes(1),
            None);
        await _store.MarkSentAsync("analyst@test.local", [added[1].Item.StoryKey], [], "<m1@test.local>", Now.AddMinutes(2), None);
        await _store.MarkSentAsync("trader@test.local", [added[3].Item.StoryKey], [], "<m2@test.local>", Now.AddMinutes(2), None);

        // When
        var sent = new List<SentStory>();
        await foreach (var story in _store.ReadSentStoriesAsync("Analyst@test.local", Now.AddDays(-7), None))
        {
            sent.Add(story);
        }

        // Then: today's copy of the old story and the story sent today; not the old item, not the unsent or other's story.
        Assert.Equal([added[0].Id, added[1].Id], sent.Select(s => s.ItemId));
        Assert.Equal(["DeepSeek V4: the weights are out", "H100 export rules tightened"], sent.Select(s => s.Title));
        Assert.All(sent, s => Assert.Equal(Now.AddMinutes(1), s.FirstSeen));
    }

    [Fact]
    public async Task Given_a_database_from_a_newer_monitor_when_initialized_then_it_refuses_with_a_clear_message()
    {
        await SetSchemaVersionAsync(_store.SchemaVersion + 1);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _store.InitializeAsync(None));

        Assert.Contains("newer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_two_instances_when_both_ask_for_a_subscribers_lease_then_only_one_gets_it_until_it_is_released_or_expires()
    {
        using var other = OpenStore();

        Assert.True(await _store.TryAcquireDigestLeaseAsync("a@test.local", "one", TimeSpan.FromMinutes(5), Now, None));
        Assert.False(await other.TryAcquireDigestLeaseAsync("A@test.local", "two", TimeSpan.FromMinutes(5), Now, None));
        Assert.True(await other.TryAcquireDigestLeaseAsync("b@test.local", "two", TimeSpan.FromMinutes(5), Now, None));
        Assert.True(await _store.TryAcquireDigestLeaseAsync("a@test.local", "one", TimeSpan.FromMinutes(5), Now.AddMinutes(1), None));
        Assert.True(await other.TryAcquireDigestLeaseAsync("a@test.local", "two", TimeSpan.FromMinutes(5), Now.AddMinutes(7), None));

        await other.ReleaseDigestLeaseAsync("a@test.local", "two", None);
        Assert.True(await _store.TryAcquireDigestLeaseAsync("a@test.local", "one", TimeSpan.FromMinutes(5), Now.AddMinutes(8), None));
    }

    [Fact]
    public async Task Given_a_lease_held_by_a_dead_owner_when_taken_over_then_only_a_matching_stale_owner_is_replaced()
    {
        Assert.True(await _store.TryAcquireDigestLeaseAsync("a@test.local", "dead", TimeSpan.FromMinutes(5), Now, None));

        Assert.Equal("dead", await _store.GetDigestLeaseOwnerAsync("a@test.local", None));
        Assert.False(await _store.TakeOverDigestLeaseAsync("a@test.local", "someone-else", "new", TimeSpan.FromMinutes(5), Now, None));
        Assert.True(await _store.TakeOverDigestLeaseAsync("a@test.local", "dead", "new", TimeSpan.FromMinutes(5), Now, None));
        Assert.Equal("new", await _store.GetDigestLeaseOwnerAsync("a@test.local", None));
        Assert.Null(await _store.GetDigestLeaseOwnerAsync("b@test.local", None));
    }

    [Fact]
    public async Task Given_a_recorded_attempt_when_completed_then_its_stories_are_sent_and_no_attempt_is_left()
    {
        await _store.AddItemsAsync([Matched("wire", "w1", "DeepSeek V4 released", Now, "models")], Now, None);
        var pending = await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-1), None);
        var attempt = new DigestAttempt("<m1@test>", "a@test.local", Now, [pending[0].StoryKey], [], [1, 2, 3]);

        await _store.RecordAttemptAsync(attempt, None);
        var unfinished = await _store.GetUnfinishedAttemptAsync("A@test.local", None);
        Assert.NotNull(unfinished);
        Assert.Equal([1, 2, 3], unfinished.Message);
        Assert.Equal(attempt.StoryKeys, unfinished.StoryKeys);

        await _store.CompleteAttemptAsync(unfinished, Now.AddMinutes(1), None);

        Assert.Null(await _store.GetUnfinishedAttemptAsync("a@test.local", None));
        Assert.Empty(await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-1), None));
        Assert.Equal(Now.AddMinutes(1), await _store.GetLastDigestAsync("a@test.local", None));
    }

    [Fact]
    public async Task Given_a_recorded_attempt_when_discarded_then_its_stories_stay_pending()
    {
        await _store.AddItemsAsync([Matched("wire", "w1", "DeepSeek V4 released", Now, "models")], Now, None);
        var pending = await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-1), None);
        await _store.RecordAttemptAsync(new DigestAttempt("<m2@test>", "a@test.local", Now, [pending[0].StoryKey], [], [9]), None);

        await _store.DiscardAttemptAsync("<m2@test>", None);

        Assert.Null(await _store.GetUnfinishedAttemptAsync("a@test.local", None));
        Assert.Single(await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-1), None));
    }

    [Fact]
    public async Task Given_items_already_stored_when_added_again_then_only_unseen_items_are_returned()
    {
        var first = await _store.AddItemsAsync(
            [Matched("wire", "w1", "DeepSeek V4 released", Now, "models"), Matched("wire", "w2", "H100 export rules", Now, "export")],
            Now,
            None);

        var second = await _store.AddItemsAsync(
            [
                Matched("wire", "w1", "DeepSeek V4 released (edited title)", Now, "models"),
                Matched("wire", "w3", "DeepSeek R3 paper", Now, "models"),
                Matched("lab", "w1", "Same key, other feed", Now, "models"),
            ],
            Now.AddMinutes(5),
            None);

        Assert.Equal(["id:w1", "id:w2"], first.Select(i => i.Item.ItemKey));
        Assert.Equal([("wire", "id:w3"), ("lab", "id:w1")], second.Select(i => (i.Item.FeedId, i.Item.ItemKey)));
        var stored = await _store.GetMatchesSinceAsync(Now.AddDays(-1), None);
        Assert.Equal(4, stored.Count);
        Assert.Contains(stored, m => m.Title == "DeepSeek V4 released");
        Assert.DoesNotContain(stored, m => m.Title == "DeepSeek V4 released (edited title)");
    }

    [Fact]
    public async Task Given_the_same_item_twice_in_one_batch_when_added_then_it_is_stored_and_returned_once()
    {
        var item = Matched("wire", "w1", "DeepSeek V4 released", Now, "models");

        var added = await _store.AddItemsAsync([item, item], Now, None);

        Assert.Single(added);
        Assert.Single(await _store.GetMatchesSinceAsync(Now.AddDays(-1), None));
    }

    [Fact]
    public async Task Given_items_matching_several_topics_when_pending_is_read_then_only_matches_of_the_requested_topics_are_returned()
    {
        await _store.AddItemsAsync(
            [
                Matched("wire", "w1", "DeepSeek V4 released", Now, "models", "weights"),
                Matched("wire", "w2", "H100 export rules", Now, "export"),
                Matched("wire", "w3", "Bakery wins award", Now, "other"),
                Unmatched("wire", "w4", "Weather today", Now),
                Excluded("wire", "w5", "Sponsored: DeepSeek webinar", Now, "models"),
            ],
            Now,
            None);

        var pending = await _store.GetPendingAsync("analyst@test.local", ["models", "export"], Now.AddDays(-7), None);

        Assert.Equal(
            [("DeepSeek V4 released", "models"), ("H100 export rules", "export")],
            pending.Select(m => (m.Title, m.TopicId)));
        Assert.Equal(["DeepSeek"], pending[0].Terms);
        Assert.Empty(await _store.GetPendingAsync("analyst@test.local", [], Now.AddDays(-7), None));
    }

    [Fact]
    public async Task Given_an_item_matching_two_topics_when_its_matches_are_read_then_each_row_has_its_topic_and_both_share_the_items_texts()
    {
        var twoTopics = Matched("wire", "w1", "DeepSeek V4 released", Now, "models", "weights");
        var oneTopic = Matched("wire", "w2", "H100 export rules", Now, "export");
        var added = await _store.AddItemsAsync(
            [twoTopics with { Item = twoTopics.Item with { Summary = "A mixture-of-experts model with open weights." } }, oneTopic with { Item = oneTopic.Item with { Summary = "New rules for chips." } }],
            Now,
            None);

        var pending = await _store.GetPendingAsync("analyst@test.local", ["models", "weights", "export"], Now.AddDays(-7), None);
        var read = await _store.GetMatchesAsync([.. added.Select(a => a.Id)], None);

        foreach (var rows in new[] { pending, read })
        {
            Assert.Equal(
                [("DeepSeek V4 released", "models"), ("DeepSeek V4 released", "weights"), ("H100 export rules", "export")],
                rows.Select(m => (m.Title, m.TopicId)).Order());
            var (first, second) = (rows.Single(m => m.TopicId == "models"), rows.Single(m => m.TopicId == "weights"));
            Assert.Equal((first.ItemId, first.StoryKey, first.Link, first.FeedId), (second.ItemId, second.StoryKey, second.Link, second.FeedId));
            Assert.Equal("A mixture-of-experts model with open weights.", first.Summary);
            Assert.Same(first.Summary, second.Summary);
            Assert.Same(first.Title, second.Title);
            Assert.NotSame(first.Title, rows.Single(m => m.TopicId == "export").Title);
        }
    }

    [Fact]
    public async Task Given_a_story_sent_to_one_subscriber_when_pending_is_read_then_it_is_excluded_for_them_but_not_for_another_subscriber()
    {
        var added = await _store.AddItemsAsync(
            [Matched("wire", "w1", "DeepSeek V4 released", Now, "models"), Matched("wire", "w2", "DeepSeek R3 paper", Now, "models")],
            Now,
            None);

        await _store.MarkSentAsync("analyst@test.local", [added[0].Item.StoryKey], [], "<m1@test.local>", Now, None);

        var analyst = await _store.GetPendingAsync("analyst@test.local", ["models"], Now.AddDays(-7), None);
        var trader = await _store.GetPendingAsync("trader@test.local", ["models"], Now.AddDays(-7), None);
        Assert.Equal(["DeepSeek R3 paper"], analyst.Select(m => m.Title));
        Assert.Equal(["DeepSeek V4 released", "DeepSeek R3 paper"], trader.Select(m => m.Title));
        Assert.Equal(1, await _store.CountSentAsync("analyst@test.local", None));
        Assert.Equal(0, await _store.CountSentAsync("trader@test.local", None));
    }

    [Fact]
    public async Task Given_sent_stories_and_several_topics_when_pending_keys_are_read_then_they_are_exactly_the_pending_matches_in_their_order()
    {
        var added = await _store.AddItemsAsync(
            [
                Matched("wire", "w1", "DeepSeek V4 released", Now, "models", "weights"),
                Matched("wire", "w2", "H100 export rules", Now, "export"),
                Matched("lab", "l1", "DeepSeek R3 paper", Now, "models"),
                Matched("lab", "l2", "Bakery wins award", Now, "other"),
            ],
            Now,
            None);
        await _store.MarkSentAsync("analyst@test.local", [added[2].Item.StoryKey], [], "<m1@test.local>", Now, None);

        var pending = await _store.GetPendingAsync("analyst@test.local", ["models", "weights", "export"], Now.AddDays(-7), None);
        var keys = await _store.GetPendingKeysAsync("analyst@test.local", ["models", "weights", "export"], Now.AddDays(-7), None);

        Assert.Equal(["DeepSeek V4 released", "DeepSeek V4 released", "H100 export rules"], pending.Select(m => m.Title));
        Assert.Equal(pending.Select(m => (m.ItemId, m.TopicId)), keys);
        Assert.Empty(await _store.GetPendingKeysAsync("analyst@test.local", [], Now.AddDays(-7), None));
    }

    [Fact]
    public async Task Given_more_items_than_one_insert_statement_holds_when_added_then_every_new_one_is_stored_once_with_its_id_and_topics()
    {
        // 250 items: on PostgreSQL two full 100-row statements (the second reusing the first's command) and a partial one;
        // on SQLite one prepared row statement executed again per item. A few are already stored, one is listed twice.
        var items = Enumerable.Range(0, 250)
            .Select(i => Matched("wire", "w" + i.ToString(CultureInfo.InvariantCulture), $"DeepSeek item {i}", Now, i % 3 == 0 ? "models" : "export", i % 5 == 0 ? ["weights"] : [], null))
            .ToList();
        await _store.AddItemsAsync([items[7], items[120]], Now, None);

        var added = await _store.AddItemsAsync([.. items, items[42]], Now.AddMinutes(1), None);

        Assert.Equal(items.Where((_, i) => i is not (7 or 120)).Select(m => m.Item.ItemKey), added.Select(a => a.Item.ItemKey));
        Assert.Equal(added.Count, added.Select(a => a.Id).Distinct().Count());
        var stored = await _store.GetMatchesSinceAsync(Now.AddDays(-1), None);
        Assert.Equal(items.Sum(m => m.Matches.Count), stored.Count);
        var byId = added.ToDictionary(a => a.Id);
        Assert.All(stored.Where(m => byId.ContainsKey(m.ItemId)), m => Assert.Equal(byId[m.ItemId].Item.Title, m.Title));
        Assert.Equal(["export", "weights"], stored.Where(m => m.Title == "DeepSeek item 10").Select(m => m.TopicId).Order());
    }

    [Fact]
    public async Task Given_more_item_ids_than_one_query_holds_when_their_matches_are_read_then_each_match_comes_once_and_unknown_ids_are_left_out()
    {
        var items = Enumerable.Range(0, 1_100)
            .Select(i => Matched("wire", "w" + i.ToString(CultureInfo.InvariantCulture), $"DeepSeek item {i}", Now, "models", i % 4 == 0 ? ["weights"] : [], null))
            .ToList();
        var added = await _store.AddItemsAsync(items, Now, None);
        var ids = added.Select(a => a.Id).Where((_, i) => i % 2 == 0).ToList();

        var matches = await _store.GetMatchesAsync([.. ids, ids[0], ids[^1], -1, long.MaxValue], None);

        var expected = added.Where(a => ids.Contains(a.Id)).SelectMany(a => items.Single(m => m.Item.ItemKey == a.Item.ItemKey).Matches.Select(m => (a.Id, m.TopicId)));
        Assert.Equal(expected.Order(), matches.Select(m => (m.ItemId, m.TopicId)).Order());
        Assert.Equal(825, matches.Count); // 550 items, every other one; the weights topic on each fourth
        Assert.Empty(await _store.GetMatchesAsync([], None));
    }

    [Fact]
    public async Task Given_a_batch_snapshot_when_several_subscribers_read_pending_then_each_gets_what_the_store_gives_and_the_batch_holds_only_pending_matches()
    {
        await _store.AddItemsAsync(
            [
                Matched("wire", "w1", "DeepSeek V4 released", Now, "models", "weights"),
                Matched("wire", "w2", "H100 export rules", Now, "export"),
                Matched("lab", "l1", "DeepSeek R3 paper", Now, "models"),
            ],
            Now,
            None);
        var toTrader = await _store.GetPendingAsync("trader@test.local", ["models"], Now.AddDays(-7), None);
        await _store.MarkSentAsync("trader@test.local", [toTrader[0].StoryKey], [], "<m1@test.local>", Now, None);
        var toAnalyst = await _store.GetPendingAsync("analyst@test.local", ["export"], Now.AddDays(-7), None);
        await _store.MarkSentAsync("analyst@test.local", [toAnalyst[0].StoryKey], [], "<m2@test.local>", Now, None);
        using var snapshot = new Monitor.Digests.PendingSnapshot(_store, Now.AddDays(-7));

        var analystExpected = await _store.GetPendingAsync("analyst@test.local", ["models", "export"], Now.AddDays(-7), None);
        var analyst = await snapshot.GetPendingAsync("analyst@test.local", ["models", "export"], Now.AddDays(-7), None);
        await _store.AddItemsAsync([Matched("wire", "w3", "DeepSeek V5 rumours", Now.AddMinutes(5), "models")], Now.AddMinutes(5), None);
        var trader = await snapshot.GetPendingAsync("trader@test.local", ["models", "weights"], Now.AddDays(-7), None);
        var traderExpected = await _store.GetPendingAsync("trader@test.local", ["models", "weights"], Now.AddDays(-7), None);

        Assert.Equal(analystExpected.Select(m => (m.ItemId, m.TopicId, m.Title, m.Summary)), analyst.Select(m => (m.ItemId, m.TopicId, m.Title, m.Summary)));
        Assert.Equal(traderExpected.Select(m => (m.ItemId, m.TopicId, m.Title, m.Summary)), trader.Select(m => (m.ItemId, m.TopicId, m.Title, m.Summary)));
        Assert.Equal(["DeepSeek V4 released", "DeepSeek R3 paper"], analyst.Select(m => m.Title)); // the H100 story was sent to them
        Assert.Equal(["DeepSeek R3 paper", "DeepSeek V5 rumours"], trader.Select(m => m.Title)); // V4 was sent to them (both its topics)

        // V4 (both topics), R3 and V5: the H100 story, sent to everyone who follows it, is never read into the batch.
        Assert.Equal(4, snapshot.Count);
    }

    [Fact]
    public async Task Given_a_polls_items_and_the_feeds_state_when_stored_together_then_both_are_there_and_a_state_alone_is_saved_too()
    {
        var state = FeedState.New("wire", "https://wire.example/feed") with { ETag = "\"v1\"", LastStatus = "200 OK", LastAttemptAt = Now, LastSuccessAt = Now };

        var added = await _store.AddItemsAsync([Matched("wire", "w1", "DeepSeek V4 released", Now, "models")], Now, state, None);
        var unchanged = await _store.AddItemsAsync([], Now.AddMinutes(15), state with { ETag = "\"v2\"", LastAttemptAt = Now.AddMinutes(15) }, None);

        Assert.Single(added);
        Assert.Empty(unchanged);
        var saved = await _store.GetFeedStateAsync("wire", None);
        Assert.NotNull(saved);
        Assert.Equal("\"v2\"", saved.ETag);
        Assert.Equal(Now.AddMinutes(15), saved.LastAttemptAt);
        Assert.Single(await _store.GetMatchesSinceAsync(Now.AddDays(-1), None));
    }

    [Fact]
    public async Task Given_a_story_sent_to_a_subscriber_when_pending_is_read_with_other_address_case_then_it_is_still_excluded()
    {
        var added = await _store.AddItemsAsync([Matched("wire", "w1", "DeepSeek V4 released", Now, "models")], Now, None);

        await _store.MarkSentAsync(" Analyst@Test.LOCAL ", [added[0].Item.StoryKey], [], "<m1@test.local>", Now, None);

        Assert.Empty(await _store.GetPendingAsync("analyst@test.local", ["models"], Now.AddDays(-7), None));
    }

    [Fact]
    public async Task Given_the_same_story_from_another_feed_when_its_story_was_sent_then_that_copy_is_not_pending_either()
    {
        var added = await _store.AddItemsAsync([Linked("wire", "w1", "DeepSeek V4 released", Now, "models", "https://news.example/v4")], Now, None);
        await _store.MarkSentAsync("analyst@test.local", [added[0].Item.StoryKey], [], "<m1@test.local>", Now, None);

        await _store.AddItemsAsync([Linked("lab", "urn:lab:1", "DeepSeek releases V4", Now, "models", "https://news.example/v4")], Now.AddMinutes(5), None);

        Assert.Empty(await _store.GetPendingAsync("analyst@test.local", ["models"], Now.AddDays(-7), None));
    }

    [Fact]
    public async Task Given_a_sent_title_when_the_story_reappears_under_a_new_link_and_id_then_it_is_not_pending()
    {
        const string Title = "US tightens export rules on H100 and Blackwell chips";
        var added = await _store.AddItemsAsync([Linked("wire", "w1", Title, Now, "export", "https://news.example/export")], Now, None);
        await _store.MarkSentAsync("trader@test.local", [added[0].Item.StoryKey], [ItemIdentity.TitleKey(Title)!], "<m1@test.local>", Now, None);

        await _store.AddItemsAsync(
            [
                Linked("wire", "changed-w1", Title, Now, "export", "https://news.example/export-v2"),
                Linked("wire", "w9", "Unrelated H100 price drop report", Now, "export", "https://news.example/prices"),
            ],
            Now.AddMinutes(5),
            None);

        var pending = await _store.GetPendingAsync("trader@test.local", ["export"], Now.AddDays(-7), None);
        Assert.Equal(["Unrelated H100 price drop report"], pending.Select(m => m.Title));
    }

    [Fact]
    public async Task Given_the_cutoff_when_pending_is_read_then_items_published_before_it_are_never_pending_even_if_first_seen_after_it()
    {
        var cutoff = Now.AddDays(-7);
        await _store.AddItemsAsync(
            [
                Matched("wire", "old", "DeepSeek V1 anniversary retrospective", Now.AddDays(-30), "models"),
                Matched("wire", "fresh", "DeepSeek V4 released", Now.AddHours(-1), "models"),
                Matched("wire", "undated", "DeepSeek undated note", null, "models"),
                Matched("wire", "edge", "DeepSeek exactly at the cutoff", cutoff, "models"),
            ],
            Now,
            None);

        var pending = await _store.GetPendingAsync("analyst@test.local", ["models"], cutoff, None);

        Assert.Equal(["DeepSeek V4 released", "DeepSeek undated note", "DeepSeek exactly at the cutoff"], pending.Select(m => m.Title));
        Assert.Null(pending[1].Published);
        Assert.Equal(Now, pending[1].FirstSeen);
    }

    [Fact]
    public async Task Given_items_first_seen_before_the_cutoff_when_pending_is_read_then_they_are_not_pending_even_if_dated_after_it()
    {
        await _store.AddItemsAsync([Matched("wire", "w1", "DeepSeek dated in the future", Now.AddDays(1), "models")], Now.AddDays(-10), None);
        await _store.AddItemsAsync([Matched("wire", "w2", "DeepSeek seen now", Now, "models")], Now, None);

        var pending = await _store.GetPendingAsync("analyst@test.local", ["models"], Now.AddDays(-7), None);

        Assert.Equal(["DeepSeek seen now"], pending.Select(m => m.Title));
    }

    [Fact]
    public async Task Given_a_stored_item_when_read_back_then_every_field_round_trips()
    {
        var published = new DateTimeOffset(2026, 11, 10, 7, 30, 15, 123, TimeSpan.Zero);
        var item = new FeedItem("lab", "id:urn:lab:1", "link:https://lab.example/moe", "Mixture of experts, explained", "https://lab.example/moe", published, "How routing works.", ["ML", "Routing"]);

        await _store.AddItemsAsync([new MatchedItem(item, [Evaluation("models", "Mixture-of-Experts", "MoE")])], Now, None);

        var match = Assert.Single(await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-7), None));
        Assert.Equal("lab", match.FeedId);
        Assert.Equal("link:https://lab.example/moe", match.StoryKey);
        Assert.Equal(ItemIdentity.TitleKey("Mixture of experts, explained"), match.TitleKey);
        Assert.Equal("Mixture of experts, explained", match.Title);
        Assert.Equal("https://lab.example/moe", match.Link);
        Assert.Equal(published, match.Published);
        Assert.Equal(Now, match.FirstSeen);
        Assert.Equal("How routing works.", match.Summary);
        Assert.Equal(["Mixture-of-Experts", "MoE"], match.Terms);
    }

    [Theory]
    [InlineData("Quotes \" and \\ backslashes, <b>tags</b> & ampersands", "Line\nbreak\ttab\u0001control")]
    [InlineData("DeepSeek 深度求索 发布 V4 · Blackwell 🚀", "Émoji 🤖 and ümlauts, 中文摘要")]
    [InlineData("", " ")]
    public async Task Given_text_with_characters_that_need_escaping_when_stored_then_it_reads_back_unchanged(string title, string summary)
    {
        var item = new FeedItem("lab", "id:" + title.Length, "story:" + title, title, null, null, summary, [title]);

        await _store.AddItemsAsync([new MatchedItem(item, [Evaluation("models", "DeepSeek", "深度求索")])], Now, None);

        var match = Assert.Single(await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-7), None));
        Assert.Equal(title, match.Title);
        Assert.Equal(summary, match.Summary);
        Assert.Equal("story:" + title, match.StoryKey);
        Assert.Null(match.Link);
        Assert.Null(match.Published);
        Assert.Equal(["DeepSeek", "深度求索"], match.Terms);
    }

    [Fact]
    public async Task Given_text_with_an_unpaired_surrogate_when_stored_then_it_is_kept_with_a_replacement_character()
    {
        var item = new FeedItem("lab", "id:1", "story:1", "Broken \uD83D emoji", null, null, "Summary \uDC00 too", []);

        var added = await _store.AddItemsAsync([new MatchedItem(item, [Evaluation("models", "emoji")])], Now, None);

        Assert.Single(added);
        var match = Assert.Single(await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-7), None));
        Assert.Equal("Broken \uFFFD emoji", match.Title);
        Assert.Equal("Summary \uFFFD too", match.Summary);
    }

    [Fact]
    public async Task Given_a_summary_longer_than_kept_whose_cut_splits_an_emoji_when_stored_then_the_half_becomes_a_replacement_character()
    {
        var summary = new string('a', SqlMonitorStore.MaxStoredSummary - 1) + "🚀 and more";
        var item = new FeedItem("lab", "id:1", "story:1", "Long one", null, null, summary, []);

        await _store.AddItemsAsync([new MatchedItem(item, [Evaluation("models", "long")])], Now, None);

        var match = Assert.Single(await _store.GetPendingAsync("a@test.local", ["models"], Now.AddDays(-7), None));
        Assert.Equal(new string('a', SqlMonitorStore.MaxStoredSummary - 1) + "\uFFFD", match.Summary);
    }

    [Fact]
    public async Task Given_a_feed_state_with_every_value_when_saved_and_loaded_then_it_round_trips_and_a_later_save_overwrites_it()
    {
        var full = new FeedState("wire", "https://wire.example/feed.xml", "\"abc123\"", "Tue, 10 Nov 2026 09:30:00 GMT", Now, Now.AddMinutes(-1), 3, "500", "HTTP 500 Internal Server Error", "Wire & Co");

        await _store.SaveFeedStateAsync(full, None);
        var loaded = await _store.GetFeedStateAsync("wire", None);
        var cleared = FeedState.New("wire", "https://wire.example/feed2.xml");
        await _store.SaveFeedStateAsync(cleared, None);
        var reloaded = await _store.GetFeedStateAsync("wire", None);

        Assert.Equal(full, loaded);
        Assert.Equal(cleared, reloaded);
        Assert.Null(reloaded!.ETag);
        Assert.Null(reloaded.LastAttemptAt);
        Assert.Null(reloaded.Title);
        Assert.Null(await _store.GetFeedStateAsync("unknown", None));
    }

    [Fact]
    public async Task Given_a_feed_title_and_error_with_an_unpaired_surrogate_when_the_state_is_saved_then_they_are_kept_with_a_replacement_character()
    {
        var state = FeedState.New("wire", "https://wire.example/") with { Title = "Wire \uD83D news", LastError = "bad \uDC00 byte", LastStatus = "error" };

        await _store.SaveFeedStateAsync(state, None);

        var loaded = await _store.GetFeedStateAsync("wire", None);
        Assert.Equal("Wire \uFFFD news", loaded!.Title);
        Assert.Equal("bad \uFFFD byte", loaded.LastError);
    }

    [Fact]
    public async Task Given_states_of_new_and_known_feeds_when_saved_together_then_each_is_inserted_or_overwritten()
    {
        await _store.SaveFeedStateAsync(FeedState.New("wire", "https://wire.example/") with { ETag = "\"old\"", LastStatus = "200 OK" }, None);
        var wire = FeedState.New("wire", "https://wire.example/") with { ETag = "\"new\"", LastStatus = "304 Not Modified", LastAttemptAt = Now, LastSuccessAt = Now };
        var lab = FeedState.New("lab", "https://lab.example/") with { LastStatus = "304 Not Modified", LastAttemptAt = Now, LastSuccessAt = Now };

        await _store.SaveFeedStatesAsync([wire, lab], None);
        await _store.SaveFeedStatesAsync([], None);

        Assert.Equal([lab, wire], await _store.GetFeedStatesAsync(None));
    }

    [Fact]
    public async Task Given_several_feed_states_when_all_are_read_then_each_is_returned_once_ordered_by_feed_id()
    {
        await _store.SaveFeedStateAsync(FeedState.New("wire", "https://wire.example/"), None);
        await _store.SaveFeedStateAsync(FeedState.New("cn", "https://cn.example/") with { ConsecutiveFailures = 2, LastError = "timed out" }, None);
        await _store.SaveFeedStateAsync(FeedState.New("lab", "https://lab.example/"), None);

        var states = await _store.GetFeedStatesAsync(None);

        Assert.Equal(["cn", "lab", "wire"], states.Select(s => s.FeedId));
        Assert.Equal(2, states[0].ConsecutiveFailures);
        Assert.Equal("timed out", states[0].LastError);
    }

    [Fact]
    public async Task Given_a_last_digest_time_when_an_earlier_time_is_set_then_it_never_moves_backwards()
    {
        Assert.Null(await _store.GetLastDigestAsync("analyst@test.local", None));

        await _store.SetLastDigestAsync("analyst@test.local", Now, None);
        await _store.SetLastDigestAsync("Analyst@test.local", Now.AddHours(-5), None);
        var afterEarlier = await _store.GetLastDigestAsync("analyst@test.local", None);
        await _store.SetLastDigestAsync("analyst@test.local", Now.AddHours(1), None);
        var afterLater = await _store.GetLastDigestAsync("analyst@test.local", None);

        Assert.Equal(Now, afterEarlier);
        Assert.Equal(Now.AddHours(1), afterLater);
        Assert.Null(await _store.GetLastDigestAsync("trader@test.local", None));
    }

    [Fact]
    public async Task Given_eight_parallel_adds_of_overlapping_items_when_they_complete_then_each_item_is_stored_and_reported_new_once()
    {
        var items = Enumerable.Range(0, 40).Select(i => Matched("wire", "w" + i.ToString(CultureInfo.InvariantCulture), $"DeepSeek item {i}", Now, "models")).ToArray();
        var batches = Enumerable.Range(0, 8).Select(b => items.Skip(b * 4).Take(12).ToArray()).ToArray(); // each batch overlaps the next ones

        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => _store.AddItemsAsync(batch, Now, None))));

        var reported = results.SelectMany(r => r).Select(i => i.Item.ItemKey).ToList();
        var expected = batches.SelectMany(b => b).Select(m => m.Item.ItemKey).Distinct().ToList();
        Assert.Equal(expected.Count, reported.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), reported.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, (await _store.GetMatchesSinceAsync(Now.AddDays(-1), None)).Count);
    }

    [Fact]
    public async Task Given_parallel_adds_through_separate_store_instances_on_one_file_when_they_complete_then_each_item_is_stored_once()
    {
        var items = Enumerable.Range(0, 30).Select(i => Matched("wire", "w" + i.ToString(CultureInfo.InvariantCulture), $"DeepSeek item {i}", Now, "models")).ToArray();
        var stores = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToArray();
        try
        {
            var results = await Task.WhenAll(stores.Select((store, s) => Task.Run(() => store.AddItemsAsync(items.Skip(s * 5).Take(15).ToArray(), Now, None))));

            var reported = results.SelectMany(r => r).Select(i => i.Item.ItemKey).ToList();
            Assert.Equal(reported.Distinct().Count(), reported.Count);
            Assert.Equal(30, reported.Count);
            Assert.Equal(30, (await _store.GetMatchesSinceAsync(Now.AddDays(-1), None)).Count);
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    private static MatchedItem Matched(string feedId, string id, string title, DateTimeOffset? published, params string[] topics) =>
        Matched(feedId, id, title, published, topics[0], topics.Skip(1).ToArray(), null);

    private static MatchedItem Linked(string feedId, string id, string title, DateTimeOffset? published, string topic, string link) =>
        Matched(feedId, id, title, published, topic, [], link);

    private static MatchedItem Matched(string feedId, string id, string title, DateTimeOffset? published, string topic, string[] moreTopics, string? link)
    {
        var url = link ?? $"https://{feedId}.example/{Uri.EscapeDataString(id)}";
        var canonical = CanonicalUrl.Canonicalize(url);
        var item = new FeedItem(feedId, ItemIdentity.ItemKey(id, canonical, title, ""), ItemIdentity.StoryKey(canonical, title), title, url, published, "", []);
        return new MatchedItem(item, moreTopics.Prepend(topic).Select(t => Evaluation(t, "DeepSeek")).ToArray());
    }

    private static MatchedItem Unmatched(string feedId, string id, string title, DateTimeOffset published)
    {
        var item = new FeedItem(feedId, "id:" + id, "title:" + id, title, null, published, "", []);
        return new MatchedItem(item, []);
    }

    private static MatchedItem Excluded(string feedId, string id, string title, DateTimeOffset published, string topic)
    {
        var item = new FeedItem(feedId, "id:" + id, "title:" + id, title, null, published, "", []);
        return new MatchedItem(item, [new TopicEvaluation(topic, [new TermHit("DeepSeek", MatchField.Title)], new TermHit("sponsored", MatchField.Title))]);
    }

    private static TopicEvaluation Evaluation(string topic, params string[] terms) =>
        new(topic, terms.Select(t => new TermHit(t, MatchField.Title)).Concat(terms.Select(t => new TermHit(t, MatchField.Summary))).ToArray(), null);
}
