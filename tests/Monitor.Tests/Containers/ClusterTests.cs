using System.Globalization;
using Monitor.Tests.Infrastructure;
using MimeKit;
using Xunit.Abstractions;

namespace Monitor.Tests.Containers;

/// <summary>
/// Scale-out: three Monitor processes on one PostgreSQL (Quartz clustered job store, shared state) polling the same
/// feeds on nginx and sending through Postfix. One is killed with SIGKILL mid-run; the others finish its work.
/// </summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Containers")]
public sealed partial class ClusterTests(ContainerServers servers, ITestOutputHelper output) : IDisposable
{
    private const int Feeds = 12;
    private const int ItemsPerFeed = 10;

    private static readonly string[] Vocabulary =
    [
        "chip", "model", "router", "license", "tensor", "compiler", "dataset", "benchmark", "agent", "kernel", "memory", "cluster",
        "export", "policy", "vision", "speech", "robot", "sparse", "dense", "token", "context", "window", "reward", "safety",
        "audit", "latency", "quantized", "distilled", "multilingual", "reasoning", "retrieval", "embedding", "scheduler", "gradient",
        "optimizer", "checkpoint", "inference", "training", "pipeline", "shard", "mixture", "expert", "open", "weights", "license",
        "Berlin", "Shanghai", "Paris", "Austin", "Seoul", "Zurich", "Toronto", "Bangalore", "Nairobi", "Lisbon", "Oslo", "Kyoto",
    ];
    private readonly ContainerTestContext _test = new(servers);
    private readonly List<MonitorProcess> _replicas = [];

    public void Dispose()
    {
        foreach (var replica in _replicas)
        {
            replica.Dispose();
        }

        _test.Dispose();
    }

    [Fact]
    public async Task Given_three_replicas_on_one_postgres_when_one_is_killed_mid_run_then_every_story_reaches_every_subscriber_exactly_once()
    {
        // Given: 12 feeds x 10 items, half of them matching; three subscribers.
        var now = TimeProvider.System.GetUtcNow();
        var random = new Random(20261130);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
        var expected = new HashSet<string>(StringComparer.Ordinal);
        var feedConfig = new List<string>();
        for (var f = 0; f < Feeds; f++)
        {
            var items = Enumerable.Range(0, ItemsPerFeed).Select(i =>
            {
                var matching = i % 2 == 0;
                // Distinct wording per story, so near-duplicate grouping rightly keeps them apart.
                var number = 1000 + (f * ItemsPerFeed) + i;
                var title = matching ? $"DeepSeek {Words(4)} story {number}" : $"Gardening {Words(4)} note {number}";
                if (matching)
                {
                    expected.Add($"story {number}");
                }

                return new TestItem($"f{f}-i{i}", title, $"https://cluster.example/{f}/{i}", $"<p>{Words(12)}.</p>", now.AddMinutes(-i));
            }).ToList();
            var file = $"feed{f}.xml";
            await servers.Feeds.PublishAsync($"{_test.Tag}/{file}", FeedDocuments.Rss($"Feed {f}", items));
            feedConfig.Add($$"""{ "id": "feed{{f}}", "url": "{{_test.FeedUrl(file)}}" }""");
        }

        var subscribers = Enumerable.Range(0, 3).Select(i => $"analyst+{_test.Tag}s{i}@test.local").ToArray();
        _test.Workspace.WriteConfig($$"""
            {
              "feeds": [ {{string.Join(",\n", feedConfig)}} ],
              "topics": [ { "id": "watch", "title": "Watch", "keywords": ["DeepSeek"] } ],
              "subscribers": [ {{string.Join(",", subscribers.Select(s => $$"""{ "email": "{{s}}", "topics": ["watch"], "schedule": "immediate" }"""))}} ]
            }
            """);
        var database = await servers.Postgres.CreateDatabaseAsync("cluster");
        var environment = new Dictionary<string, string?>(servers.Mail.Settings().ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value))
        {
            ["ConnectionStrings__Monitor"] = database,
            ["Monitor__DigestLeaseTime"] = "00:00:10",
            ["Monitor__DigestRetryDelay"] = "00:00:03",
            ["Monitor__ImmediateFlushCron"] = "0/5 * * * * ?",
        };

        // When: three replicas of the shipped (native) executable run; the first is killed as soon as mail starts flowing.
        var monitor = await servers.PublishedMonitorAsync();
        for (var r = 0; r < 3; r++)
        {
            var data = Path.Combine(_test.Workspace.Root, $"replica{r}");
            _replicas.Add(MonitorProcess.Start(monitor, ["run", "--config", _test.Workspace.ConfigPath, "--data", data], environment));
        }

        await Eventually.TrueAsync(async () => (await servers.Mail.FetchAsync(subscribers[0])).Count > 0, TimeSpan.FromSeconds(90));
        await _replicas[0].SignalAsync("KILL");
        Assert.True(await _replicas[0].WaitForExitAsync(TimeSpan.FromSeconds(10)));

        // Then: each subscriber gets every matching story exactly once, across all the digests they received.
        foreach (var subscriber in subscribers)
        {
            var complete = await Eventually.TrueAsync(async () => Stories(await servers.Mail.FetchAsync(subscriber)).Distinct().Count() == expected.Count, TimeSpan.FromSeconds(120));
            var messages = await servers.Mail.FetchAsync(subscriber);
            var distinct = messages.GroupBy(m => m.MessageId).Select(g => g.First()).ToList();
            var stories = Stories(distinct).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{subscriber}: {messages.Count} messages ({distinct.Count} distinct Message-IDs), {stories.Count} story entries, {stories.Distinct().Count()} distinct"));
            var missing = string.Join(", ", expected.Except(stories));
            Assert.True(complete, $"{subscriber} misses {missing}; got {stories.Distinct().Count()} of {expected.Count} stories\n{ReplicaLogs()}");
            Assert.Equal(expected.Order(StringComparer.Ordinal), stories.Distinct().Order(StringComparer.Ordinal));
            Assert.Equal(stories.Count, stories.Distinct().Count());
        }

        // No replica failed a job (a job another replica scheduled is read back by its type name, for one).
        Assert.All(_replicas, r => Assert.DoesNotContain(" fail: ", r.Output, StringComparison.Ordinal));
        foreach (var replica in _replicas.Skip(1))
        {
            Assert.False(replica.HasExited, replica.Output);
            await replica.SignalAsync("TERM");
            Assert.True(await replica.WaitForExitAsync(TimeSpan.FromSeconds(15)), replica.Output);
        }
    }

    private string ReplicaLogs() => string.Join(
        "\n",
        _replicas.Select((r, i) => $"--- replica {i} ---\n" + string.Join('\n', r.Output.Split('\n').Where(l => !l.Contains("scheduled", StringComparison.Ordinal)).TakeLast(60))));

    /// <summary>Every story title in the plain-text parts, once per appearance.</summary>
    private static IEnumerable<string> Stories(IEnumerable<MimeMessage> messages) =>
        messages.SelectMany(m => StoryTitle().Matches(m.TextBody ?? string.Empty).Select(match => match.Value));

    [System.Text.RegularExpressions.GeneratedRegex(@"story \d{4}\b")]
    private static partial System.Text.RegularExpressions.Regex StoryTitle();

}
