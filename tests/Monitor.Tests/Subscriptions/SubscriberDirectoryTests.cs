using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Configuration;
using Monitor.Options;
using Monitor.Storage.Sql;
using Monitor.Subscriptions;

namespace Monitor.Tests.Subscriptions;

/// <summary><see cref="SubscriberDirectory"/>: feeds.json subscribers merged with confirmed stored subscriptions, on a real feeds.json and SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class SubscriberDirectoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dir = Directory.CreateTempSubdirectory("monitor-directory-").FullName;
    private readonly ListLogger _log = new();
    private SqlMonitorStore _monitor = null!;
    private SqlSubscriptionStore _store = null!;
    private ConfigStore _config = null!;
    private SubscriberDirectory _directory = null!;

    public async Task InitializeAsync()
    {
        var feedsJson = Path.Combine(_dir, "feeds.json");
        File.WriteAllText(feedsJson, """
            {
              "feeds": [ { "id": "f", "url": "feed.xml" } ],
              "topics": [ { "id": "models", "keywords": ["DeepSeek"] }, { "id": "chips", "keywords": ["H100"] } ],
              "subscribers": [
                { "email": "Boss@Example.com", "topics": ["models"], "schedule": "immediate" },
                { "email": "leaver@example.com", "topics": ["chips"] }
              ]
            }
            """);
        _config = new ConfigStore(new MonitorPaths(feedsJson), Microsoft.Extensions.Options.Options.Create(new MonitorOptions()), NullLogger<ConfigStore>.Instance);
        Assert.Empty(_config.Load());
        _monitor = SqlMonitorStore.Sqlite(Path.Combine(_dir, "monitor.db"));
        await _monitor.InitializeAsync(None);
        _store = new SqlSubscriptionStore(_monitor.Dialect);
        _directory = new SubscriberDirectory(_config, _store, _log);
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        _monitor.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Given_stored_subscriptions_in_every_state_when_listed_then_feeds_json_comes_first_and_only_confirmed_ones_are_added()
    {
        await _store.AddConfirmedAsync("reader@example.org", "Reader", ["chips", "models"], "weekly mon 08:00", "Europe/Berlin", T0, None);
        await _store.RequestAsync("waiting@example.org", null, ["models"], "immediate", "UTC", T0, None);
        await _store.AddConfirmedAsync("gone@example.org", null, ["models"], "immediate", "UTC", T0, None);
        await _store.UnsubscribeAsync("gone@example.org", [], "x", "x", T0, None);
        await _store.AddConfirmedAsync("boss@example.com", null, ["chips"], "hourly", "UTC", T0, None); // feeds.json wins

        var subscribers = await _directory.GetSubscribersAsync(None);

        Assert.Equal(["Boss@Example.com", "leaver@example.com", "reader@example.org"], subscribers.Select(s => s.Email));
        Assert.Equal(["models"], subscribers[0].Topics);
        Assert.True(subscribers[0].Schedule.IsImmediate);
        var reader = subscribers[2];
        Assert.Equal(("Reader", "weekly mon 08:00", "Europe/Berlin"), (reader.Name, reader.Schedule.Text, reader.TimeZone.Id));
        Assert.Equal(["chips", "models"], reader.Topics);
        Assert.Same(subscribers[0], await _directory.FindAsync("BOSS@example.com", None));
        Assert.Equal("reader@example.org", (await _directory.FindAsync("Reader@Example.org", None))?.Email);
        Assert.Null(await _directory.FindAsync("waiting@example.org", None));
        Assert.Null(await _directory.FindAsync("gone@example.org", None));
        Assert.Null(await _directory.FindAsync("stranger@example.org", None));
    }

    [Fact]
    public async Task Given_a_feeds_json_subscriber_who_unsubscribed_by_link_when_listed_then_they_are_left_out_until_they_confirm_again()
    {
        await _store.UnsubscribeAsync("leaver@example.com", ["chips"], "daily 08:00", "UTC", T0, None);

        Assert.Equal(["Boss@Example.com"], (await _directory.GetSubscribersAsync(None)).Select(s => s.Email));
        Assert.Null(await _directory.FindAsync("leaver@example.com", None));

        // Asking again is not enough (anyone could ask); confirming from the mailbox is.
        await _store.RequestAsync("leaver@example.com", null, ["models"], "immediate", "UTC", T0.AddDays(1), None);
        Assert.Null(await _directory.FindAsync("leaver@example.com", None));
        await _store.ConfirmAsync("leaver@example.com", T0.AddDays(1), None);

        var back = await _directory.FindAsync("leaver@example.com", None);
        Assert.Equal(["chips"], back?.Topics); // as feeds.json says
    }

    [Fact]
    public async Task Given_stored_topics_schedules_or_zones_that_are_no_longer_valid_when_listed_then_topics_are_dropped_and_the_rest_skipped_with_one_warning_each()
    {
        await _store.AddConfirmedAsync("partly@example.org", null, ["weather", "chips"], "hourly", "UTC", T0, None);
        await _store.AddConfirmedAsync("nothing-left@example.org", null, ["weather"], "hourly", "UTC", T0, None);
        await _store.AddConfirmedAsync("bad-schedule@example.org", null, ["chips"], "fortnightly", "UTC", T0, None);
        await _store.AddConfirmedAsync("bad-zone@example.org", null, ["chips"], "hourly", "Mars/Olympus_Mons", T0, None);

        var first = await _directory.GetSubscribersAsync(None);
        var second = await _directory.GetSubscribersAsync(None);

        Assert.Equal(["Boss@Example.com", "leaver@example.com", "partly@example.org"], first.Select(s => s.Email));
        Assert.Equal(["chips"], first[2].Topics);
        Assert.Equal(3, second.Count);
        var warnings = _log.Messages.ToArray();
        Assert.Equal(4, warnings.Length); // once each, not on every call
        Assert.Contains(warnings, w => w.Contains("partly@example.org", StringComparison.Ordinal) && w.Contains("weather", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("nothing-left@example.org skipped", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("bad-schedule@example.org skipped: invalid schedule 'fortnightly'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("bad-zone@example.org skipped: unknown time zone 'Mars/Olympus_Mons'", StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger<SubscriberDirectory>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
    }
}
