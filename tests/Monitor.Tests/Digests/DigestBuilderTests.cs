using Monitor.Digests;
using static Monitor.Tests.Digests.DigestFixtures;

namespace Monitor.Tests.Digests;

/// <summary><see cref="DigestBuilder"/>: merging duplicates, one entry per story, topic order, the story cap, the subject and snippets.</summary>
[Trait("Category", "Unit")]
public sealed class DigestBuilderTests
{
    [Fact]
    public void Given_one_story_in_two_feeds_with_the_same_canonical_link_when_built_then_it_is_one_entry_with_both_sources_and_a_clean_link()
    {
        var matches = new[]
        {
            Match(1, "wire", "DeepSeek V4 released with open weights", "https://news.example/deepseek-v4?utm_source=wire&utm_medium=rss", Now.AddHours(-3), "models"),
            Match(2, "lab", "DeepSeek releases V4", "https://NEWS.example/deepseek-v4#comments", Now.AddMinutes(-150), "models"),
        };
        Assert.Equal(matches[0].StoryKey, matches[1].StoryKey);

        var digest = Build(Subscriber("models"), matches);

        var story = Assert.Single(digest.Stories);
        Assert.Equal(1, digest.StoryCount);
        Assert.Equal("DeepSeek V4 released with open weights", story.Title);
        Assert.Equal(["Wire", "Lab"], story.Sources);
        Assert.Equal("https://news.example/deepseek-v4", story.Link);
        Assert.Equal(Now.AddHours(-3), story.Date);
    }

    [Fact]
    public void Given_one_story_under_different_links_but_the_same_title_when_built_then_it_is_one_entry_and_all_its_keys_are_covered()
    {
        var matches = new[]
        {
            Match(1, "wire", "US tightens export rules on H100 chips", "https://wire.example/export", Now.AddHours(-2), "export"),
            Match(2, "cn", "US tightens export rules on H100 chips", "https://cn.example/export-rules", Now.AddHours(-1), "export"),
        };
        Assert.NotEqual(matches[0].StoryKey, matches[1].StoryKey);

        var digest = Build(Subscriber("export"), matches);

        var story = Assert.Single(digest.Stories);
        Assert.Equal(["Wire", "CN"], story.Sources);
        Assert.Equal(2, digest.StoryKeys.Count);
        Assert.Contains(matches[0].StoryKey, digest.StoryKeys);
        Assert.Contains(matches[1].StoryKey, digest.StoryKeys);
        Assert.Equal([matches[0].TitleKey!], digest.TitleKeys);
    }

    /// <summary>
    /// A (link L1, title T1), C (link L2, title T2), then B (link L2, title T1): B shares its link with C and its title
    /// with A, so all three are one story. The builder must merge transitively, whatever the order of the matches.
    /// </summary>
    [Fact]
    public void Given_matches_chained_by_a_shared_link_and_a_shared_title_when_built_then_they_form_one_story()
    {
        var matches = new[]
        {
            Match(1, "wire", "DeepSeek V4 released with open weights", "https://news.example/deepseek-v4", Now.AddHours(-3), "models"),
            Match(2, "lab", "DeepSeek unveils its fourth model", "https://lab.example/v4", Now.AddHours(-2), "models"),
            Match(3, "cn", "DeepSeek V4 released with open weights", "https://lab.example/v4", Now.AddHours(-1), "models"),
        };

        var digest = Build(Subscriber("models"), matches);

        var story = Assert.Single(digest.Stories);
        Assert.Equal(["Wire", "Lab", "CN"], story.Sources);
        Assert.Equal(2, digest.StoryKeys.Count);
    }

    [Fact]
    public void Given_a_story_matching_two_subscribed_topics_when_built_then_it_appears_once_under_the_subscribers_first_matching_topic()
    {
        var published = Now.AddHours(-1);
        var matches = new[]
        {
            Match(1, "wire", "DeepSeek V4 ships with open weights", "https://wire.example/v4", published, "models", terms: "DeepSeek"),
            Match(1, "wire", "DeepSeek V4 ships with open weights", "https://wire.example/v4", published, "weights", terms: "open weights"),
        };

        var digest = Build(Subscriber("export", "weights", "models"), matches);

        var section = Assert.Single(digest.Sections);
        Assert.Equal("weights", section.TopicId);
        Assert.Equal("Open weights", section.TopicTitle);
        var story = Assert.Single(section.Stories);
        Assert.Equal(["weights", "models"], story.TopicIds);
        Assert.Equal(["DeepSeek", "open weights"], story.Terms.Order(StringComparer.Ordinal));
        Assert.Equal("AI news: 1 story — Open weights (1)", digest.Subject);
    }

    [Fact]
    public void Given_stories_in_several_topics_when_built_then_sections_follow_the_subscriber_topic_order_and_the_subject_counts_them()
    {
        var matches = new[]
        {
            Match(1, "wire", "DeepSeek V4 released", "https://wire.example/1", Now.AddHours(-5), "models"),
            Match(2, "lab", "DeepSeek R3 paper", "https://lab.example/2", Now.AddHours(-1), "models"),
            Match(3, "wire", "H100 export rules tightened", "https://wire.example/3", Now.AddHours(-3), "export"),
            Match(4, "wire", "Bakery wins award", "https://wire.example/4", Now.AddHours(-2), "other"),
        };

        var digest = Build(Subscriber("export", "models"), matches);

        Assert.Equal(["export", "models"], digest.Sections.Select(s => s.TopicId));
        Assert.Equal(["DeepSeek R3 paper", "DeepSeek V4 released"], digest.Sections[1].Stories.Select(s => s.Title)); // newest first
        Assert.Equal(3, digest.StoryCount);
        Assert.DoesNotContain(digest.Stories, s => s.Title == "Bakery wins award");
        Assert.Equal("AI news: 3 stories — Export rules (1), Model releases (2)", digest.Subject);
    }

    [Fact]
    public void Given_more_stories_than_the_cap_when_built_then_the_oldest_first_seen_stories_are_kept()
    {
        // Published dates run opposite to first-seen times, so the cap must go by first seen, not by date.
        var matches = Enumerable.Range(0, 5)
            .Select(i => Match(i + 1, "wire", $"DeepSeek story number {i}", $"https://wire.example/{i}", Now.AddDays(-1).AddHours(-i), "models", firstSeen: Now.AddHours(-10 + i)))
            .ToArray();

        var digest = Build(Subscriber("models"), matches, maxStories: 3);

        Assert.Equal(3, digest.StoryCount);
        Assert.Equal(["DeepSeek story number 0", "DeepSeek story number 1", "DeepSeek story number 2"], digest.Stories.Select(s => s.Title).Order(StringComparer.Ordinal));
        Assert.Equal("AI news: 3 stories — Model releases (3)", digest.Subject);
    }

    [Fact]
    public void Given_no_pending_match_when_built_then_the_digest_is_empty()
    {
        var digest = Build(Subscriber("models"), [Match(1, "wire", "Bakery wins award", "https://wire.example/b", Now, "other")]);

        Assert.Equal(0, digest.StoryCount);
        Assert.Empty(digest.Sections);
        Assert.Empty(digest.StoryKeys);
    }

    [Fact]
    public void Given_a_long_summary_when_built_then_the_snippet_is_cut_at_a_word_boundary_with_an_ellipsis()
    {
        var text = string.Join(' ', Enumerable.Range(0, 80).Select(i => $"word{i:D2}"));
        Assert.True(text.Length > DigestBuilder.SnippetLength);

        var digest = Build(Subscriber("models"), [Match(1, "wire", "DeepSeek long read", "https://wire.example/long", Now, "models", summary: text)]);

        var snippet = Assert.Single(digest.Stories).Snippet;
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        var kept = snippet[..^1];
        Assert.InRange(kept.Length, DigestBuilder.SnippetLength / 2, DigestBuilder.SnippetLength);
        Assert.StartsWith(kept, text, StringComparison.Ordinal);
        Assert.Equal(' ', text[kept.Length]);
        Assert.Matches(@"word\d\d$", kept);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(279)]
    [InlineData(280)]
    public void Given_a_summary_up_to_the_snippet_length_when_cut_then_it_is_unchanged(int length)
    {
        var text = new string('a', length);

        Assert.Equal(text, DigestBuilder.Snippet(text));
    }

    [Fact]
    public void Given_a_long_summary_without_spaces_when_cut_then_it_is_cut_hard_at_the_snippet_length()
    {
        var text = new string('x', 500);

        var snippet = DigestBuilder.Snippet(text);

        Assert.Equal(new string('x', DigestBuilder.SnippetLength) + "…", snippet);
    }

    /// <summary>A summary without spaces (typical for Chinese) is cut hard; the cut must not split a surrogate pair (emoji, rare CJK).</summary>
    [Fact]
    public void Given_a_long_summary_without_spaces_when_the_hard_cut_falls_inside_a_surrogate_pair_then_the_pair_is_not_split()
    {
        var text = new string('x', DigestBuilder.SnippetLength - 1) + "😀" + new string('y', 50);

        var snippet = DigestBuilder.Snippet(text);

        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(snippet[^2]), "the snippet ends with half a surrogate pair");
        Assert.True(System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(snippet)) == snippet, "the snippet is not valid UTF-16");
    }
}
