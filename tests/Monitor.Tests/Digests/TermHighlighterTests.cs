using CsCheck;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;
using Monitor.Digests.Highlighting;

namespace Monitor.Tests.Digests;

/// <summary><see cref="TermHighlighter"/>: highlights exactly what the topic matcher matched, on the original text.</summary>
[Trait("Category", "Unit")]
public sealed class TermHighlighterTests
{
    private static readonly TermHighlighter Highlighter = new();

    [Theory]
    [InlineData("DeepSeek", "New DEEPSEEK model", "[DEEPSEEK]")]
    [InlineData("Regulación", "La REGULACION y la regulación", "[REGULACION]|[regulación]")]
    [InlineData("AI", "He said AI, not ai-generated", "[AI]|[ai]")]
    [InlineData("MoE", "MoE beats Moebius", "[MoE]")]
    [InlineData("Mixture-of-Experts", "a mixture of experts and a Mixture—of—Experts", "[mixture of experts]|[Mixture—of—Experts]")]
    [InlineData("DeepSeek V4", "DeepSeek-V4 is out; V4 from DeepSeek", "[DeepSeek-V4]")]
    [InlineData("regulat*", "regulatory regulation deregulation", "[regulatory]|[regulation]")]
    [InlineData("深度求索", "深度求索发布新模型", "[深度求索]")]
    [InlineData("strasse", "Die Straße ist lang", "[Straße]")]
    [InlineData("/GPT-\\d/", "gpt-4 and GPT-5, not GPT-X", "[gpt-4]|[GPT-5]")]
    [InlineData("Müller", "Mu\u0308ller (combining umlaut) and MÜLLER", "[Mu\u0308ller]|[MÜLLER]")]
    public void Given_a_keyword_when_a_text_is_highlighted_then_exactly_the_matcher_semantics_are_marked_on_the_original_text(string keyword, string text, string expected)
    {
        var highlight = Highlighter.Highlight(text, [keyword]);

        Assert.Equal(expected, string.Join("|", highlight.Marks.Select(m => $"[{text[m.Start..m.End]}]")));
        Assert.Equal([keyword], highlight.FoundTerms);
    }

    [Fact]
    public void Given_overlapping_and_adjacent_terms_when_highlighted_then_marks_are_merged_and_runs_rebuild_the_text()
    {
        const string text = "DeepSeek V4 open weights 😀 released";

        var highlight = Highlighter.Highlight(text, ["DeepSeek V4", "V4", "open weights", "/weights\\s😀/", "absent"]);

        Assert.Equal(["[DeepSeek V4]", "[open weights 😀]"], highlight.Marks.Select(m => $"[{text[m.Start..m.End]}]"));
        Assert.Equal(["DeepSeek V4", "V4", "open weights", "/weights\\s😀/"], highlight.FoundTerms);
        Assert.Equal(text, string.Concat(highlight.Runs().Select(r => r.Run)));
    }

    [Fact]
    public void Given_a_regex_that_matches_half_a_surrogate_pair_when_highlighted_then_the_mark_covers_the_whole_character()
    {
        const string text = "a😀b";

        var highlight = Highlighter.Highlight(text, ["/\\uDE00b/"]);

        var mark = Assert.Single(highlight.Marks);
        Assert.Equal("😀b", text[mark.Start..mark.End]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("/(/")]
    public void Given_a_keyword_that_cannot_match_when_highlighted_then_nothing_is_marked(string keyword)
    {
        var highlight = Highlighter.Highlight("anything ( * at all", [keyword]);

        Assert.Empty(highlight.Marks);
        Assert.Empty(highlight.FoundTerms);
    }

    /// <summary>The highlighter's normalized text is the matcher's, character for character, for any input.</summary>
    [Fact]
    public void Given_any_text_when_normalized_for_highlighting_then_it_equals_the_matchers_normalization()
    {
        var chars = Gen.OneOf(Gen.Char, Gen.Char['a', 'z'], Gen.OneOf('É', 'ß', 'ﬁ', '½', '深', '度', 'ア', '-', ' ', '\u0301', '\u00AD', '\u200B', '\uD83D', '\uDE00', 'İ', 'ı', 'Ω', '٣'));
        chars.Array[0, 40].Select(a => new string(a)).Sample(text =>
            Assert.Equal(" " + TextNormalizer.Normalize(text) + (TextNormalizer.Normalize(text).Length > 0 ? " " : string.Empty), NormalizedText.Create(text).Text),
            iter: 5000);
    }

    /// <summary>For generated texts and keywords, the highlighter finds a keyword exactly when the matcher matches it.</summary>
    [Fact]
    public void Given_generated_texts_when_highlighted_then_a_keyword_is_found_exactly_when_the_matcher_matches_it()
    {
        string[] keywords = ["DeepSeek", "deep seek", "regulat*", "Mixture-of-Experts", "MoE", "AI", "strasse", "深度求索", "/GPT-\\d/", "DeepSeek V4", "é", "experts", "V4*"];
        var matchers = keywords.ToDictionary(k => k, k => TopicMatcher.Create([new TopicDefinition("t", "t", [k], [])], TimeSpan.FromSeconds(1)));
        var words = Gen.OneOf("DeepSeek", "deepseek", "DEEP", "Seek", "Régulation", "regulatory", "deregulation", "Mixture", "of", "experts", "MoE", "Moebius", "AI", "said", "Straße", "strasse", "深度求索", "发布", "GPT-4", "gpt", "V4", "V40", "😀", "é", "E\u0301");
        var separators = Gen.OneOf(" ", "-", "—", ", ", string.Empty, "\u00AD", "'", ". ", "\n");
        var texts = Gen.Select(words, separators).Array[0, 12].Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)));

        texts.Sample(text =>
        {
            var highlight = Highlighter.Highlight(text, keywords);
            foreach (var keyword in keywords)
            {
                var matched = matchers[keyword].Match(new MatchInput(string.Empty, text, [])).Count > 0;
                Assert.True(matched == highlight.FoundTerms.Contains(keyword), $"'{keyword}' in '{text}': matcher {matched}, highlighter {!matched}");
            }

            Assert.All(highlight.Marks, m => Assert.InRange(m.Start, 0, m.End - 1));
            Assert.Equal(text, string.Concat(highlight.Runs().Select(r => r.Run)));
        }, iter: 3000);
    }
}
