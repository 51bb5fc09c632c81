using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

[Trait("Category", "Unit")]
public sealed class NearDuplicateIndexTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 8, 0, 0, TimeSpan.Zero);

    private static readonly NearDuplicateSignature V4Wire = NearDuplicates.Compute(
        "DeepSeek V4 released", "Chinese AI lab DeepSeek has released V4, a Mixture-of-Experts model with open weights that it says rivals GPT-5 on coding benchmarks.");

    private static readonly NearDuplicateSignature V4Lab = NearDuplicates.Compute(
        "DeepSeek releases V4 preview", "DeepSeek published a preview of its V4 model on Hugging Face on Tuesday, with weights under an MIT license and a 1M-token context window.");

    private static readonly NearDuplicateSignature V32 = NearDuplicates.Compute(
        "DeepSeek V3.2 released", "DeepSeek has released V3.2, an update to its V3 model with sparse attention and lower API prices.");

    [Fact]
    public void Given_an_indexed_story_when_a_reworded_copy_is_looked_up_then_it_is_found_with_its_similarity()
    {
        var index = new NearDuplicateIndex<string>(NearDuplicateOptions.Default);
        index.Add("wire", V4Wire, T0);
        index.Add("v3.2", V32, T0);

        var match = Assert.Single(index.Find(V4Lab, T0.AddHours(3)));

        Assert.Equal("wire", match.Key);
        Assert.Equal(V4Lab.Similarity(V4Wire), match.Similarity);
        Assert.Equal(T0, match.Seen);
    }

    [Fact]
    public void Given_a_near_duplicate_first_seen_outside_the_window_when_looked_up_then_it_is_not_found()
    {
        var index = new NearDuplicateIndex<string>(new NearDuplicateOptions(NearDuplicates.DefaultThreshold, TimeSpan.FromHours(48)));
        index.Add("wire", V4Wire, T0);

        Assert.Single(index.Find(V4Lab, T0.AddHours(48)));
        Assert.Single(index.Find(V4Lab, T0.AddHours(-48)));
        Assert.Empty(index.Find(V4Lab, T0.AddHours(48).AddSeconds(1)));
        Assert.Empty(index.Find(V4Lab, T0.AddDays(-3)));
    }

    [Fact]
    public void Given_disabled_options_or_empty_signatures_when_used_then_nothing_is_ever_found()
    {
        var disabled = new NearDuplicateIndex<int>(NearDuplicateOptions.Disabled);
        disabled.Add(1, V4Wire, T0);
        var enabled = new NearDuplicateIndex<int>(NearDuplicateOptions.Default);
        enabled.Add(1, NearDuplicateSignature.Empty, T0);

        Assert.Empty(disabled.Find(V4Wire, T0));
        Assert.Equal(0, enabled.Count);
        Assert.Empty(enabled.Find(NearDuplicateSignature.Empty, T0));
    }

    [Fact]
    public void Given_signatures_of_many_items_when_paired_through_the_index_then_the_pairs_are_exactly_those_of_comparing_every_pair()
    {
        var items = LabelledPair.Load(LabelledPair.TuningFile)
            .SelectMany(p => new[] { (p.TitleA, p.LeadA), (p.TitleB, p.LeadB) })
            .Distinct()
            .Select(x => NearDuplicates.Compute(x.Item1, x.Item2))
            .ToArray();
        var seen = items.Select(_ => T0).ToArray();

        var indexed = NearDuplicates.FindPairs(items, seen, NearDuplicateOptions.Default);

        var bruteForce = new List<(int, int)>();
        for (int j = 0; j < items.Length; j++)
        {
            for (int i = 0; i < j; i++)
            {
                if (NearDuplicates.IsNearDuplicate(items[i], items[j]))
                {
                    bruteForce.Add((i, j));
                }
            }
        }

        Assert.True(items.Length > 300, $"{items.Length} items");
        Assert.NotEmpty(bruteForce);
        Assert.Equal(bruteForce, indexed);
    }

    [Theory]
    [InlineData(0.3, 2)]
    [InlineData(0.5, 3)]
    [InlineData(0.8, 6)]
    [InlineData(0.1, 1)]
    public void Given_a_threshold_when_the_index_is_built_then_bands_are_as_wide_as_keeps_pairs_at_the_threshold_found(double threshold, int rows)
    {
        Assert.Equal(rows, NearDuplicateIndex<int>.RowsPerBand(threshold));
    }

    [Fact]
    public void Given_options_out_of_range_when_created_then_they_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateOptions(1.5, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateOptions(-0.1, TimeSpan.FromHours(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateOptions(0.3, TimeSpan.FromHours(-1)));
        Assert.False(NearDuplicateOptions.Disabled.Enabled);
        Assert.True(NearDuplicateOptions.Default.Enabled);
        Assert.Equal(TimeSpan.FromHours(48), NearDuplicateOptions.Default.Window);
    }

    [Fact]
    public void Given_two_items_when_checked_with_options_then_both_time_and_words_must_agree()
    {
        var options = NearDuplicateOptions.Default;

        Assert.True(options.AreNearDuplicates(V4Wire, T0, V4Lab, T0.AddHours(20)));
        Assert.False(options.AreNearDuplicates(V4Wire, T0, V4Lab, T0.AddDays(5)));
        Assert.False(options.AreNearDuplicates(V4Wire, T0, V32, T0));
        Assert.False(NearDuplicateOptions.Disabled.AreNearDuplicates(V4Wire, T0, V4Wire, T0));
    }
}
