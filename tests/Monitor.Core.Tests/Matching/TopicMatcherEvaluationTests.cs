using Monitor.Core.Matching;
using static Monitor.Core.Tests.Matching.MatcherFixtures;

namespace Monitor.Core.Tests.Matching;

[Trait("Category", "Unit")]
public sealed class TopicMatcherEvaluationTests
{
    [Fact]
    public void Hit_reports_the_field_where_the_keyword_was_found()
    {
        var matcher = Matcher(Topic("t", ["DeepSeek", "Gemini", "LLM"]));

        var evaluation = Assert.Single(matcher.Evaluate(Input("DeepSeek news", "Google Gemini too", "LLM", "Research")));

        Assert.Equal(
            [new TermHit("DeepSeek", MatchField.Title), new TermHit("Gemini", MatchField.Summary), new TermHit("LLM", MatchField.Categories)],
            evaluation.Hits);
        Assert.True(evaluation.IsMatch);
        Assert.Null(evaluation.ExcludedBy);
    }

    [Fact]
    public void Keyword_found_in_several_fields_gives_one_hit_per_field_in_field_order()
    {
        var matcher = Matcher(Topic("t", ["DeepSeek"]));

        var evaluation = Assert.Single(matcher.Evaluate(Input("DeepSeek V4", "DeepSeek, again DeepSeek", "deepseek")));

        Assert.Equal(
            [new TermHit("DeepSeek", MatchField.Title), new TermHit("DeepSeek", MatchField.Summary), new TermHit("DeepSeek", MatchField.Categories)],
            evaluation.Hits);
    }

    [Fact]
    public void Hits_are_listed_in_keyword_order_with_keywords_as_written()
    {
        var matcher = Matcher(Topic("t", ["Mixture-of-Experts", "  open WEIGHTS ", "MoE"]));

        var evaluation = Assert.Single(matcher.Evaluate(Input("MoE and open weights", "a mixture of experts")));

        Assert.Equal(
            [new TermHit("Mixture-of-Experts", MatchField.Summary), new TermHit("  open WEIGHTS ", MatchField.Title), new TermHit("MoE", MatchField.Title)],
            evaluation.Hits);
    }

    [Fact]
    public void Keywords_with_the_same_normalized_form_are_each_reported()
    {
        var matcher = Matcher(Topic("t", ["Mixture-of-Experts", "mixture of experts"]));

        var evaluation = Assert.Single(matcher.Evaluate(Input("Mixture of Experts")));

        Assert.Equal(["Mixture-of-Experts", "mixture of experts"], evaluation.Hits.Select(h => h.Term));
    }

    [Fact]
    public void Keyword_listed_twice_in_a_topic_is_reported_once_per_field()
    {
        var matcher = Matcher(Topic("t", ["AI", "AI"]));

        var evaluation = Assert.Single(matcher.Evaluate(Input("AI", "AI")));

        Assert.Equal([new TermHit("AI", MatchField.Title), new TermHit("AI", MatchField.Summary)], evaluation.Hits);
    }

    [Fact]
    public void Categories_are_matched_each_on_its_own()
    {
        var matcher = Matcher(Topic("t", ["machine learning", "Deep*"]));

        var evaluation = Assert.Single(matcher.Evaluate(Input("title", "summary", "Machine", "Learning", "Deep-Learning")));

        Assert.Equal([new TermHit("Deep*", MatchField.Categories)], evaluation.Hits);
    }

    [Fact]
    public void Phrase_in_one_category_matches()
    {
        var matcher = Matcher(Topic("t", ["machine learning"]));

        Assert.Single(matcher.Match(Input("title", "summary", "Robotics", "Machine Learning")));
    }

    [Fact]
    public void Phrase_does_not_span_title_and_summary()
    {
        var matcher = Matcher(Topic("t", ["open weights"]));

        Assert.Empty(matcher.Match(Input("A model that is open", "weights are published")));
    }

    [Fact]
    public void Item_matching_an_exclude_keyword_is_not_in_the_topic_but_hits_are_kept()
    {
        var matcher = Matcher(Topic("models", ["Gemini"], "horoscope"));
        var input = Input("Gemini horoscope for today", "Your Gemini stars");

        var evaluation = Assert.Single(matcher.Evaluate(input));

        Assert.False(evaluation.IsMatch);
        Assert.Equal(new TermHit("horoscope", MatchField.Title), evaluation.ExcludedBy);
        Assert.Equal([new TermHit("Gemini", MatchField.Title), new TermHit("Gemini", MatchField.Summary)], evaluation.Hits);
        Assert.Empty(matcher.Match(input));
    }

    [Theory]
    [InlineData("Gemini news", "read more", "Astrology", MatchField.Categories)]
    [InlineData("Gemini news", "the astrology corner", "", MatchField.Summary)]
    public void Exclude_keyword_applies_to_every_field(string title, string summary, string category, MatchField expectedField)
    {
        var matcher = Matcher(Topic("models", ["Gemini"], "astrolog*"));

        var evaluation = Assert.Single(matcher.Evaluate(Input(title, summary, category)));

        Assert.False(evaluation.IsMatch);
        Assert.Equal(new TermHit("astrolog*", expectedField), evaluation.ExcludedBy);
    }

    [Fact]
    public void Exclude_reports_the_first_exclude_keyword_that_matches()
    {
        var matcher = Matcher(Topic("t", ["AI"], "sponsored", "/webinar/", "ad"));

        var evaluation = Assert.Single(matcher.Evaluate(Input("AI webinar", "an ad", "Sponsored")));

        Assert.Equal(new TermHit("sponsored", MatchField.Categories), evaluation.ExcludedBy);
    }

    [Fact]
    public void Exclude_regex_removes_the_item()
    {
        var matcher = Matcher(Topic("t", ["AI"], "/\\bwebinar\\b/"));

        var evaluation = Assert.Single(matcher.Evaluate(Input("AI Webinar tomorrow")));

        Assert.False(evaluation.IsMatch);
        Assert.Equal(new TermHit("/\\bwebinar\\b/", MatchField.Title), evaluation.ExcludedBy);
    }

    [Fact]
    public void Exclude_follows_the_same_whole_word_rules()
    {
        var matcher = Matcher(Topic("t", ["AI"], "ad"));

        Assert.Single(matcher.Match(Input("AI adoption grows", "Read the AI headlines")));
    }

    [Fact]
    public void Item_with_only_an_exclude_hit_is_reported_as_excluded_without_hits()
    {
        var matcher = Matcher(Topic("t", ["AI"], "sponsored"));

        var evaluation = Assert.Single(matcher.Evaluate(Input("Sponsored post")));

        Assert.Empty(evaluation.Hits);
        Assert.Equal(new TermHit("sponsored", MatchField.Title), evaluation.ExcludedBy);
        Assert.False(evaluation.IsMatch);
    }

    [Fact]
    public void Exclusion_in_one_topic_does_not_affect_another()
    {
        var matcher = Matcher(Topic("a", ["Gemini"], "horoscope"), Topic("b", ["horoscope"]));

        var matches = matcher.Match(Input("Gemini horoscope"));

        Assert.Equal(["b"], matches.Select(m => m.TopicId));
    }

    [Fact]
    public void Evaluate_returns_every_topic_in_config_order()
    {
        var matcher = Matcher(Topic("zeta", ["Gemini"]), Topic("alpha", ["DeepSeek"]), Topic("mid", ["nothing here"]));

        var evaluations = matcher.Evaluate(Input("DeepSeek and Gemini"));

        Assert.Equal(["zeta", "alpha", "mid"], evaluations.Select(e => e.TopicId));
        Assert.Equal([true, true, false], evaluations.Select(e => e.IsMatch));
        Assert.Empty(evaluations[2].Hits);
        Assert.Null(evaluations[2].ExcludedBy);
    }

    [Fact]
    public void Match_returns_only_matching_topics_in_config_order()
    {
        var matcher = Matcher(
            Topic("zeta", ["Gemini"]),
            Topic("none", ["Claude"]),
            Topic("excluded", ["DeepSeek"], "rumor"),
            Topic("alpha", ["DeepSeek"]));

        var matches = matcher.Match(Input("DeepSeek and Gemini", "rumor mill"));

        Assert.Equal(["zeta", "alpha"], matches.Select(m => m.TopicId));
        Assert.All(matches, m => Assert.True(m.IsMatch));
    }

    [Fact]
    public void Match_gives_the_same_hits_as_evaluate()
    {
        var matcher = Matcher(Topic("t", ["AI", "/gpt-?5/", "regulat*"]), Topic("u", ["Gemini"], "AI"));
        var input = Input("AI regulation", "GPT-5 and AI", "Regulatory");

        var evaluated = matcher.Evaluate(input).Where(e => e.IsMatch).ToArray();
        var matched = matcher.Match(input);

        Assert.Equal(evaluated.Length, matched.Count);
        for (int i = 0; i < evaluated.Length; i++)
        {
            Assert.Equal(evaluated[i].TopicId, matched[i].TopicId);
            Assert.Equal(evaluated[i].Hits, matched[i].Hits);
        }
    }

    [Fact]
    public void Shared_keyword_is_reported_in_every_topic()
    {
        var matcher = Matcher(Topic("a", ["AI"]), Topic("b", ["ai", "robots"]));

        var evaluations = matcher.Evaluate(Input("AI robots"));

        Assert.Equal([new TermHit("AI", MatchField.Title)], evaluations[0].Hits);
        Assert.Equal([new TermHit("ai", MatchField.Title), new TermHit("robots", MatchField.Title)], evaluations[1].Hits);
    }

    [Fact]
    public void Topic_without_keywords_never_matches()
    {
        var matcher = Matcher(Topic("empty", []));

        var evaluation = Assert.Single(matcher.Evaluate(Input("anything")));

        Assert.False(evaluation.IsMatch);
        Assert.Empty(evaluation.Hits);
    }

    [Fact]
    public void Matcher_without_topics_evaluates_to_nothing()
    {
        var matcher = Matcher();

        Assert.Empty(matcher.Evaluate(Input("AI")));
        Assert.Empty(matcher.Match(Input("AI")));
        Assert.Empty(matcher.Topics);
    }

    [Fact]
    public void Topics_exposes_the_definitions_in_config_order()
    {
        var a = Topic("a", ["x"]);
        var b = Topic("b", ["y"]);

        var matcher = Matcher(a, b);

        Assert.Equal([a, b], matcher.Topics);
    }

    [Fact]
    public void Empty_fields_match_nothing()
    {
        var matcher = Matcher(Topic("t", ["AI", "/.*/"]));

        var evaluation = Assert.Single(matcher.Evaluate(new MatchInput("", "", [])));

        Assert.Equal([new TermHit("/.*/", MatchField.Title), new TermHit("/.*/", MatchField.Summary)], evaluation.Hits);
    }

    [Fact]
    public void Null_input_is_rejected() =>
        Assert.Throws<ArgumentNullException>(() => Matcher(Topic("t", ["AI"])).Evaluate(null!));

    [Fact]
    public void Many_keywords_and_topics_are_all_found()
    {
        var topics = Enumerable.Range(0, 50)
            .Select(t => Topic($"topic{t}", [.. Enumerable.Range(0, 20).Select(k => $"word{t}x{k}")]))
            .ToArray();
        var matcher = Matcher(topics);

        var matches = matcher.Match(Input("word3x19 and word49x0", "word7x7 word7x8", "word3x19"));

        Assert.Equal(["topic3", "topic7", "topic49"], matches.Select(m => m.TopicId));
        Assert.Equal(
            [new TermHit("word3x19", MatchField.Title), new TermHit("word3x19", MatchField.Categories)],
            matches[0].Hits);
        Assert.Equal(["word7x7", "word7x8"], matches[1].Hits.Select(h => h.Term));
    }

    [Fact]
    public void Long_summary_is_scanned_to_the_end()
    {
        var matcher = Matcher(Topic("t", ["needle"]));
        string summary = string.Concat(Enumerable.Repeat("hay stack ", 20_000)) + "needle";

        Assert.Single(matcher.Match(Input("title", summary)));
    }

    [Fact]
    public void Matcher_is_safe_to_use_from_many_threads()
    {
        var matcher = Matcher(Topic("a", ["DeepSeek", "/v\\d/"]), Topic("b", ["Gemini"], "horoscope"), Topic("c", ["深度求索"]));
        var inputs = new[]
        {
            (Input("DeepSeek v4", "深度求索发布"), new[] { "a", "c" }),
            (Input("Gemini horoscope"), Array.Empty<string>()),
            (Input("Gemini 2"), new[] { "b" }),
        };

        Parallel.For(0, 3_000, i =>
        {
            var (input, expected) = inputs[i % inputs.Length];
            Assert.Equal(expected, matcher.Match(input).Select(m => m.TopicId));
        });
    }
}
