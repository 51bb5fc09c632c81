using System.Text;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;
using Monitor.Feeds;
using Monitor.LoadTest;
using Monitor.LoadTest.Corpus;
using FeedItem = Monitor.Core.Items.FeedItem;

namespace Monitor.Benchmarks;

/// <summary>
/// The benchmarks' inputs, all from the load test's deterministic corpus (seed 42, 200 feeds x 50 items; English with 1
/// feed in 25 German and 1 in 25 Chinese): feed documents as served, and items as the parser normalizes them.
/// </summary>
internal static class Workload
{
    public const int Seed = 42;

    /// <summary>A fixed anchor: the same bytes in every run.</summary>
    public static readonly DateTimeOffset Anchor = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<FeedCorpus> s_corpus = new(() => FeedCorpus.Create(200, 50, Seed, Anchor));
    private static readonly Lazy<FeedItem[]> s_items = new(() => ParseItems(60));

    public static FeedCorpus Corpus => s_corpus.Value;

    /// <summary>The first English feed of <paramref name="format"/>, 50 items, as served.</summary>
    public static byte[] Document(FeedFormat format)
    {
        var feed = Corpus.Feeds.First(f => f.Format == format && f.Language == CorpusLanguage.English);
        return Corpus.Render(feed.Index).Body;
    }

    /// <summary>The HTML bodies of the first <paramref name="feeds"/> feeds' items, as the feeds carry them.</summary>
    public static string[] Html(int feeds) =>
        [.. Enumerable.Range(0, feeds).SelectMany(f => Corpus.Items(f)).Select(i => i.Story.Html)];

    /// <summary>Normalized items (plain-text title, summary, categories, absolute link) of the first 60 feeds: 3,000 items.</summary>
    public static IReadOnlyList<FeedItem> Items => s_items.Value;

    public static long Utf8(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);

    public static long Utf8(IEnumerable<string> texts) => texts.Sum(Utf8);

    /// <summary>
    /// <paramref name="count"/> keywords, 10 to a topic: the load test's 30 real ones (one regex, "/GPT-\d/", among the
    /// first 10) and then generated phrases, prefixes, product names and Chinese terms that rarely occur in AI news.
    /// </summary>
    public static TopicMatcher Matcher(int count)
    {
        var keywords = MonitorConfig.Topics.SelectMany(t => t.Keywords).Concat(GeneratedKeywords()).Distinct(StringComparer.Ordinal).Take(count).ToArray();
        if (keywords.Length < count)
        {
            throw new InvalidOperationException($"only {keywords.Length} keywords");
        }

        var topics = keywords.Chunk(10).Select((chunk, i) => new TopicDefinition($"topic-{i}", $"Topic {i}", chunk, i % 5 == 0 ? ["sponsored"] : [])).ToArray();
        return TopicMatcher.Create(topics, TimeSpan.FromMilliseconds(200));
    }

    private static IEnumerable<string> GeneratedKeywords()
    {
        string[] subjects =
        [
            "quantum", "robot", "drone", "battery", "solar", "fusion", "satellite", "lidar", "genome", "vaccine", "crypto",
            "blockchain", "semiconductor", "wafer", "lithography", "exascale", "datacenter", "hyperscaler", "edge", "inference",
            "tokenizer", "embedding", "retrieval", "agent", "copilot", "assistant", "chatbot", "multimodal", "diffusion",
            "transformer", "sparse", "distillation", "quantization", "pruning", "alignment", "safety", "red teaming", "jailbreak",
            "watermark", "deepfake", "copyright", "lawsuit", "antitrust", "privacy", "GDPR", "Digital Services", "tariff",
            "sanction", "Halbleiter", "Datenschutz",
        ];
        string[] objects =
        [
            "chip", "model", "startup", "lab", "policy", "rules", "act", "bill", "funding", "acquisition", "partnership", "launch",
            "update", "leaderboard", "paper", "dataset", "license", "ban", "probe", "fine",
        ];
        string[] chinese = ["量子计算", "机器人", "无人机", "自动驾驶", "半导体", "光刻机", "数据中心", "智能体", "多模态", "知识产权"];
        int n = 0;
        foreach (var subject in subjects)
        {
            foreach (var obj in objects)
            {
                n++;
                yield return (n % 11) switch
                {
                    0 => $"{subject} {obj}*",
                    1 => $"{subject} {obj}s",
                    2 => $"{char.ToUpperInvariant(subject[0])}{subject[1..].Replace(" ", "", StringComparison.Ordinal)}-{n % 97}",
                    3 => chinese[n % chinese.Length] + chinese[(n / chinese.Length) % chinese.Length],
                    _ => $"{subject} {obj}",
                };
            }
        }
    }

    private static FeedItem[] ParseItems(int feeds)
    {
        var items = new List<FeedItem>();
        for (int f = 0; f < feeds; f++)
        {
            var document = Corpus.Render(f);
            var url = new Uri($"https://{document.Feed.Outlet}{document.Feed.Path}");
            items.AddRange(FeedParser.Parse(document.Body, url, document.Feed.Id, document.Feed.ContentType).Items);
        }

        return [.. items];
    }
}
