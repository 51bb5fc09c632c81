using System.Diagnostics;
using Monitor.Core.Matching;
using static Monitor.Core.Tests.Matching.MatcherFixtures;

namespace Monitor.Core.Tests.Matching;

[Trait("Category", "Unit")]
public sealed class TopicMatcherRegexTests
{
    [Theory]
    [InlineData("/gpt-?5/", "GPT5 announced")]
    [InlineData("/gpt-?5/", "gpt-5 announced")]
    [InlineData("/GPT-?5/", "gpt5")]
    [InlineData("/\\bo[34]\\b/", "OpenAI o3 pricing")]
    [InlineData("/llama[- ]?\\d+(\\.\\d+)?/", "Meta Llama-3.1 release")]
    [InlineData(" /deepseek/ ", "DeepSeek")]
    [InlineData("/ÉTÉ/", "été")]
    public void Regex_keyword_matches_case_insensitively(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("/^DeepSeek-V4$/", "DeepSeek V4")]
    [InlineData("/said/", "s.a.i.d")]
    [InlineData("/\\bo3\\b/", "o30")]
    public void Regex_keyword_runs_on_the_text_as_a_reader_sees_it(string keyword, string title) =>
        Assert.False(KeywordMatchesTitle(keyword, title));

    [Fact]
    public void Regex_keyword_is_not_diacritic_folded() =>
        Assert.False(KeywordMatchesTitle("/regulacion/", "Regulación"));

    [Fact]
    public void Regex_keyword_sees_punctuation_of_the_original_text() =>
        Assert.True(KeywordMatchesTitle("/DeepSeek-V4/", "DeepSeek-V4"));

    [Fact]
    public void Catastrophic_backtracking_regex_gives_no_match_without_throwing()
    {
        var matcher = TopicMatcher.Create([Topic("t", ["/(a+)+$/", "/(x+x+)+y/"])], TimeSpan.FromMilliseconds(50));
        var input = Input("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");

        var watch = Stopwatch.StartNew();
        var evaluation = Assert.Single(matcher.Evaluate(input));
        watch.Stop();

        Assert.False(evaluation.IsMatch);
        Assert.Empty(evaluation.Hits);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Regex_that_times_out_on_one_field_can_still_match_another()
    {
        var matcher = TopicMatcher.Create([Topic("t", ["/(x+x+)+y/"])], TimeSpan.FromMilliseconds(50));

        var evaluation = Assert.Single(matcher.Evaluate(Input("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "xxy")));

        Assert.Equal([new TermHit("/(x+x+)+y/", MatchField.Summary)], evaluation.Hits);
    }

    [Fact]
    public void Invalid_regex_makes_create_throw_naming_topic_and_keyword()
    {
        var error = Assert.Throws<ArgumentException>(() => Matcher(Topic("ai-policy", ["AI", "/(unclosed/"])));

        Assert.Contains("ai-policy", error.Message, StringComparison.Ordinal);
        Assert.Contains("/(unclosed/", error.Message, StringComparison.Ordinal);
        Assert.Contains("regular expression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_exclude_regex_makes_create_throw_naming_topic_and_keyword()
    {
        var error = Assert.Throws<ArgumentException>(() => Matcher(Topic("models", ["AI"], "/[z-a]/")));

        Assert.Contains("models", error.Message, StringComparison.Ordinal);
        Assert.Contains("/[z-a]/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("*")]
    [InlineData("--")]
    public void Keyword_without_anything_to_match_makes_create_throw(string keyword)
    {
        var error = Assert.Throws<ArgumentException>(() => Matcher(Topic("topic-x", [keyword])));

        Assert.Contains("topic-x", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Non_positive_regex_timeout_is_rejected(int milliseconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TopicMatcher.Create([Topic("t", ["AI"])], TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Same_regex_in_several_topics_reports_each_one()
    {
        var matcher = Matcher(Topic("a", ["/gpt-?5/"]), Topic("b", ["/gpt-?5/"]));

        var matches = matcher.Match(Input("GPT-5"));

        Assert.Equal(["a", "b"], matches.Select(m => m.TopicId));
    }
}
