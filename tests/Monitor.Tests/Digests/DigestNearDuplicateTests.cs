using Monitor.Core.Dedup;
using Monitor.Digests;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary><see cref="DigestBuilder"/>: one story told by several outlets under different links and reworded titles is one entry.</summary>
[Trait("Category", "Unit")]
public sealed class DigestNearDuplicateTests
{
    private static Monitor.Storage.StoredMatch[] ThreeOutletsAndANearMiss() =>
    [
        Match(1, "wire", "DeepSeek V4 released", "https://wire.example/tech/deepseek-v4?utm_source=rss&utm_campaign=feed", Now.AddHours(-6), "models",
            summary: "Chinese AI lab DeepSeek has released V4, a Mixture-of-Experts model with open weights that it says rivals GPT-5 on coding benchmarks."),
        Match(2, "lab", "DeepSeek releases V4 preview", "https://lab.example/blog/2026/01/v4-preview?fbclid=IwAR0abc", Now.AddHours(-5), "models",
            summary: "DeepSeek published a preview of its V4 model on Hugging Face on Tuesday, with weights under an MIT license and a 1M-token context window."),
        Match(3, "cn", "DeepSeek unveils V4, an open-weights MoE model", "https://cn.example/news/88231", Now.AddHours(-2), "models",
            summary: "DeepSeek's new V4 model uses a Mixture-of-Experts design, ships with open weights and, the company says, matches GPT-5 at coding."),
        Match(4, "wire", "DeepSeek V3.2 released", "https://wire.example/tech/deepseek-v3-2", Now.AddHours(-4), "models",
            summary: "DeepSeek has released V3.2, an update to its V3 model with sparse attention, open weights and lower API prices."),
    ];

    [Fact]
    public void Given_three_outlets_reporting_one_story_under_different_links_and_titles_when_built_then_it_is_one_entry_with_three_sources_and_the_near_miss_stays_separate()
    {
        var matches = ThreeOutletsAndANearMiss();
        Assert.Equal(4, matches.Select(m => m.StoryKey).Distinct().Count());
        Assert.Equal(4, matches.Select(m => m.TitleKey).Distinct().Count());

        var digest = Build(Subscriber("models"), matches);

        Assert.Equal(2, digest.StoryCount);
        var v4 = Assert.Single(digest.Stories, s => s.Sources.Count > 1);
        Assert.Equal("DeepSeek V4 released", v4.Title);
        Assert.Equal(["Wire", "Lab", "CN"], v4.Sources);
        Assert.Equal("https://wire.example/tech/deepseek-v4", v4.Link);
        Assert.Equal(3, v4.MergedStoryKeys.Count);
        var v32 = Assert.Single(digest.Stories, s => s.Title == "DeepSeek V3.2 released");
        Assert.Equal(["Wire"], v32.Sources);
        Assert.Equal(4, digest.StoryKeys.Count); // all marked sent together
    }

    [Fact]
    public void Given_a_reworded_copy_first_seen_after_the_window_when_built_then_it_stays_a_story_of_its_own()
    {
        var matches = ThreeOutletsAndANearMiss()[..2];
        var late = matches[1] with { FirstSeen = matches[0].FirstSeen + NearDuplicates.DefaultWindow + TimeSpan.FromMinutes(1) };

        var digest = Build(Subscriber("models"), [matches[0], late]);

        Assert.Equal(2, digest.StoryCount);
    }

    [Fact]
    public void Given_near_duplicate_merging_turned_off_when_built_then_only_shared_links_and_titles_merge()
    {
        var matches = ThreeOutletsAndANearMiss();

        var digest = DigestBuilder.Build(Subscriber("models"), matches, Topics, FeedTitle, Now, maxStories: 200, nearDuplicates: NearDuplicateOptions.Disabled);

        Assert.Equal(4, digest.StoryCount);
    }

    [Fact]
    public void Given_a_stricter_threshold_and_a_shorter_window_from_options_when_built_then_they_apply()
    {
        var matches = ThreeOutletsAndANearMiss();

        var strict = DigestBuilder.Build(Subscriber("models"), matches, Topics, FeedTitle, Now, maxStories: 200, nearDuplicates: new NearDuplicateOptions(0.95, TimeSpan.FromDays(2)));
        var shortWindow = DigestBuilder.Build(Subscriber("models"), matches, Topics, FeedTitle, Now, maxStories: 200, nearDuplicates: new NearDuplicateOptions(NearDuplicates.DefaultThreshold, TimeSpan.FromHours(2)));

        Assert.Equal(4, strict.StoryCount);
        var merged = Assert.Single(shortWindow.Stories, s => s.Sources.Count > 1); // wire and lab are 1 h apart, cn 3-4 h later
        Assert.Equal(["Wire", "Lab"], merged.Sources);
        Assert.Equal(3, shortWindow.StoryCount);
    }
}
