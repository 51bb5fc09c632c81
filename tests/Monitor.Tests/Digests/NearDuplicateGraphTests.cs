using System.Globalization;
using Monitor.Core.Dedup;
using Monitor.Core.Items;
using Monitor.Digests;
using Monitor.Storage;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary>
/// <see cref="NearDuplicateGraph"/>: items added as the poller stores them (from many threads at once) or when a digest
/// asks give exactly the pairs a fresh comparison of the same items gives.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NearDuplicateGraphTests
{
    private static readonly NearDuplicateOptions Options = NearDuplicateOptions.Default;

    private static readonly string[] Labs = ["DeepSeek", "Mistral", "Qwen", "Llama", "Gemma", "Phi", "Falcon", "Yi"];
    private static readonly string[] Verbs = ["releases", "unveils", "ships", "publishes", "announces", "open-sources"];
    private static readonly string[] Things = ["a Mixture-of-Experts model", "open weights", "a reasoning model", "a coding model", "a long-context model"];

    /// <summary>Stories, each told by 1-4 outlets in reworded headlines and leads, spread over three days.</summary>
    private static List<StoredMatch> Corpus(int stories, int seed)
    {
        var random = new Random(seed);
        var items = new List<StoredMatch>();
        long id = 1;
        for (var s = 0; s < stories; s++)
        {
            var lab = Labs[random.Next(Labs.Length)];
            var version = string.Create(CultureInfo.InvariantCulture, $"V{random.Next(1, 9)}.{random.Next(0, 9)}");
            var thing = Things[random.Next(Things.Length)];
            var seen = Now.AddHours(-random.Next(0, 72));
            for (var copy = random.Next(1, 5); copy > 0; copy--)
            {
                var verb = Verbs[random.Next(Verbs.Length)];
                var title = $"{lab} {verb} {version}, {thing}";
                var summary = $"{lab} said on {seen:dddd} that {version} is {thing} trained on {random.Next(2, 30)} trillion tokens, available to researchers and companies.";
                items.Add(Match(id, "feed" + (id % 7).ToString(CultureInfo.InvariantCulture), title, $"https://news{copy}.example/{id}", seen, "models", seen.AddMinutes(copy * 9), summary));
                id++;
            }
        }

        return items;
    }

    private static HashSet<(long, long)> Fresh(List<StoredMatch> items) =>
        NearDuplicates.FindPairs([.. items.Select(m => NearDuplicates.Compute(m.Title, m.Summary))], [.. items.Select(m => m.FirstSeen)], Options)
            .Select(p => (items[p.First].ItemId, items[p.Second].ItemId))
            .ToHashSet();

    private static HashSet<(long, long)> Ids(List<StoredMatch> items, IReadOnlyList<(int First, int Second)> pairs) =>
        pairs.Select(p => (items[p.First].ItemId, items[p.Second].ItemId)).ToHashSet();

    private static StoredItem Stored(StoredMatch match) =>
        new(match.ItemId, new FeedItem(match.FeedId, "key" + match.ItemId.ToString(CultureInfo.InvariantCulture), match.StoryKey, match.Title, match.Link, match.Published, match.Summary, []), match.FirstSeen);

    [Fact]
    public async Task Given_items_observed_in_batches_from_many_threads_when_pairs_are_asked_then_they_equal_a_fresh_comparison()
    {
        var items = Corpus(stories: 150, seed: 7);
        var graph = new NearDuplicateGraph(new ItemSignatureCache());
        var expected = Fresh(items);
        Assert.True(expected.Count > 50, $"the corpus should hold many near-duplicates (has {expected.Count})");

        await Task.WhenAll(items.Chunk(20).Select(batch => Task.Run(() => graph.Observe([.. batch.Select(Stored)], Options))));
        var pairs = graph.FindPairs(items, Options);

        Assert.Equal(expected.Order(), Ids(items, pairs).Order());
        Assert.All(pairs, p => Assert.True(p.First < p.Second));
    }

    [Fact]
    public void Given_a_digest_that_asks_for_a_subset_some_never_observed_when_pairs_are_asked_then_they_equal_a_fresh_comparison_of_that_subset()
    {
        var items = Corpus(stories: 80, seed: 11);
        var graph = new NearDuplicateGraph(new ItemSignatureCache());
        graph.Observe([.. items.Where(m => m.ItemId % 3 != 0).Select(Stored)], Options);
        var subset = items.Where(m => m.ItemId % 2 == 0).Reverse().ToList();

        var pairs = graph.FindPairs(subset, Options);

        Assert.Equal(Fresh(subset).Order(), Ids(subset, pairs).Order());
    }

    [Fact]
    public void Given_an_item_id_reused_for_another_story_when_pairs_are_asked_then_the_graph_starts_over_and_stays_exact()
    {
        var items = Corpus(stories: 40, seed: 3);
        var graph = new NearDuplicateGraph(new ItemSignatureCache());
        graph.Observe([.. items.Select(Stored)], Options);
        var reused = items.Select(m => m.ItemId == 5 ? m with { Title = "Chip export rules tightened for H100 and Blackwell", Summary = "The rules cover H100 and Blackwell exports." } : m).ToList();

        var pairs = graph.FindPairs(reused, Options);

        Assert.Equal(Fresh(reused).Order(), Ids(reused, pairs).Order());
    }

    [Fact]
    public void Given_more_items_than_the_graph_may_remember_when_pairs_are_asked_then_they_are_still_exact()
    {
        var items = Corpus(stories: 60, seed: 5);
        var graph = new NearDuplicateGraph(new ItemSignatureCache(), capacity: 50);
        graph.Observe([.. items.Take(40).Select(Stored)], Options);

        Assert.Equal(Fresh(items).Order(), Ids(items, graph.FindPairs(items, Options)).Order());
        Assert.Equal(Fresh(items[..30]).Order(), Ids(items[..30], graph.FindPairs(items[..30], Options)).Order());
    }
}
