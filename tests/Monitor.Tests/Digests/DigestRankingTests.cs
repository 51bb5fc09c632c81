using Monitor.Digests;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary><see cref="DigestRanking"/> and the per-topic cap: best stories first, the rest as "N more", all delivered.</summary>
[Trait("Category", "Unit")]
public sealed class DigestRankingTests
{
    [Fact]
    public void Given_stories_with_more_terms_title_matches_or_sources_when_built_then_they_rank_above_newer_weaker_ones()
    {
        var matches = new[]
        {
            // Newest, one term found only in the summary, one source: weakest.
            Match(1, "wire", "A new chatbot appears", "https://wire.example/1", Now.AddMinutes(-10), "models", summary: "Built on DeepSeek.", terms: "DeepSeek"),
            // The same term in the title.
            Match(2, "wire", "DeepSeek ships an update", "https://wire.example/2", Now.AddHours(-1), "models", terms: "DeepSeek"),
            // Two terms, both in the title.
            Match(3, "wire", "DeepSeek V4 with open weights", "https://wire.example/3", Now.AddHours(-5), "models", terms: ["DeepSeek", "open weights"]),
            // One term in the title, carried by three outlets.
            Match(4, "wire", "DeepSeek raises prices", "https://news.example/prices", Now.AddHours(-3), "models", terms: "DeepSeek"),
            Match(5, "lab", "DeepSeek raises prices", "https://news.example/prices", Now.AddHours(-3), "models", terms: "DeepSeek"),
            Match(6, "cn", "DeepSeek raises prices", "https://news.example/prices", Now.AddHours(-3), "models", terms: "DeepSeek"),
        };

        var section = Assert.Single(Build(Subscriber("models"), matches).Sections);

        Assert.Equal(
            ["DeepSeek V4 with open weights", "DeepSeek raises prices", "DeepSeek ships an update", "A new chatbot appears"],
            section.Stories.Select(s => s.Title));
        Assert.Equal([8, 6, 4, 2], section.Stories.Select(DigestRanking.Score));
        Assert.Equal(["DeepSeek", "open weights"], section.Stories[0].TitleTerms);
        Assert.Empty(section.Stories[3].TitleTerms);
    }

    [Fact]
    public void Given_equally_ranked_stories_when_built_then_the_newer_comes_first()
    {
        var section = Assert.Single(Build(Subscriber("models"),
        [
            Match(1, "wire", "DeepSeek morning note", "https://wire.example/a", Now.AddHours(-8), "models"),
            Match(2, "wire", "DeepSeek evening note", "https://wire.example/b", Now.AddHours(-1), "models"),
        ]).Sections);

        Assert.Equal(["DeepSeek evening note", "DeepSeek morning note"], section.Stories.Select(s => s.Title));
    }

    [Fact]
    public void Given_more_stories_in_a_topic_than_the_per_topic_cap_when_built_then_the_best_are_featured_the_rest_listed_and_all_are_delivered()
    {
        var matches = Enumerable.Range(0, 7)
            .Select(i => Match(i + 1, "wire", $"DeepSeek story {i}", $"https://wire.example/{i}", Now.AddHours(-i), "models"))
            .Append(Match(20, "wire", "H100 rules", "https://wire.example/h100", Now, "export", terms: "H100"))
            .ToArray();

        var digest = Build(Subscriber("models", "export"), matches, maxStoriesPerTopic: 3);

        var models = digest.Sections[0];
        Assert.Equal(["DeepSeek story 0", "DeepSeek story 1", "DeepSeek story 2"], models.Featured.Select(s => s.Title));
        Assert.Equal(["DeepSeek story 3", "DeepSeek story 4", "DeepSeek story 5", "DeepSeek story 6"], models.More.Select(s => s.Title));
        Assert.Equal(4, models.MoreCount);
        Assert.Equal(0, digest.Sections[1].MoreCount);
        Assert.Equal(8, digest.StoryCount);
        Assert.Equal(8, digest.StoryKeys.Count); // the listed ones are delivered as links, so they are marked sent too
        Assert.Equal("AI news: 8 stories — Model releases (7), Export rules (1)", digest.Subject);
    }

    [Fact]
    public void Given_a_story_in_two_topics_when_built_then_it_says_which_terms_matched_in_each_topic_in_the_subscribers_order()
    {
        var story = Assert.Single(Build(Subscriber("weights", "models"),
        [
            Match(1, "wire", "DeepSeek V4 ships", "https://wire.example/v4", Now, "models", summary: "With open weights.", terms: "DeepSeek"),
            Match(1, "wire", "DeepSeek V4 ships", "https://wire.example/v4", Now, "weights", summary: "With open weights.", terms: "open weights"),
        ]).Stories);

        Assert.Equal(["Open weights: open weights", "Model releases: DeepSeek"], story.Matches.Select(m => $"{m.TopicTitle}: {string.Join(", ", m.Terms)}"));
        Assert.Equal(["DeepSeek"], story.TitleTerms);
    }
}
