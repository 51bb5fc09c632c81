using static Monitor.Core.Tests.Matching.MatcherFixtures;

namespace Monitor.Core.Tests.Matching;

[Trait("Category", "Unit")]
public sealed class TopicMatcherKeywordTests
{
    [Theory]
    [InlineData("DeepSeek", "DEEPSEEK releases a model")]
    [InlineData("deepseek", "News from DeepSeek")]
    [InlineData("OPENAI", "openai")]
    public void Keyword_matches_regardless_of_case(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("Regulación", "nueva regulacion europea")]
    [InlineData("regulacion", "Nueva Regulación europea")]
    [InlineData("Über", "uber alles")]
    [InlineData("uber", "ÜBER alles")]
    [InlineData("Straße", "Strasse gesperrt")]
    [InlineData("strasse", "Die Straße")]
    [InlineData("Köln", "koln")]
    [InlineData("naïve", "naive Bayes")]
    [InlineData("café", "Cafe\u0301 opens")]
    [InlineData("œuvre", "OEUVRE")]
    public void Keyword_matches_regardless_of_diacritics_in_either_direction(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("AI", "He said so")]
    [InlineData("AI", "Maintenance window")]
    [InlineData("MoE", "Moebius strip")]
    [InlineData("H100", "H1000 is not real")]
    [InlineData("H100", "AH100")]
    [InlineData("Gemini", "Geminid meteor shower")]
    [InlineData("GPT-4", "GPT-40 rumours")]
    [InlineData("Llama", "llamas")]
    [InlineData("V4", "V45")]
    public void Keyword_does_not_match_inside_a_longer_word(string keyword, string title) =>
        Assert.False(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("AI", "AI regulation")]
    [InlineData("AI", "new rules for AI")]
    [InlineData("AI", "(AI) rules")]
    [InlineData("AI", "AI's future")]
    [InlineData("AI", "AI\u2019s future")]
    [InlineData("AI", "AI-powered tools")]
    [InlineData("AI", "\"AI\"")]
    [InlineData("AI", "AI.")]
    [InlineData("AI", "gen/AI")]
    [InlineData("MoE", "MoE models")]
    [InlineData("H100", "8x H100, 16 GPUs")]
    public void Keyword_matches_a_whole_word_delimited_by_punctuation_or_whitespace(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("Mixture-of-Experts", "a mixture of experts model")]
    [InlineData("Mixture-of-Experts", "Mixture\u2013of\u2013Experts")]
    [InlineData("Mixture-of-Experts", "Mixture\u2014of\u2014Experts")]
    [InlineData("Mixture-of-Experts", "mixture\u2010of\u2011experts")]
    [InlineData("mixture of experts", "Mixture-of-Experts")]
    [InlineData("DeepSeek-V4", "DeepSeek V4 is out")]
    [InlineData("DeepSeek V4", "DeepSeek-V4 is out")]
    [InlineData("DeepSeek V4", "DeepSeek\u2013V4 is out")]
    [InlineData("DeepSeek V4", "DeepSeek  \t V4")]
    [InlineData("Meta's Llama", "Meta\u2019s Llama")]
    [InlineData("state of the art", "State-of-the-art results")]
    public void Hyphens_dashes_and_apostrophes_separate_words_in_keywords_and_text(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("open weights", "weights open")]
    [InlineData("open weights", "open source weights")]
    [InlineData("DeepSeek V4", "DeepSeek V45")]
    [InlineData("DeepSeek V4", "DeepSeekV4")]
    [InlineData("mixture of experts", "mixture of expertise")]
    public void Phrase_requires_all_words_adjacent_and_in_order(string keyword, string title) =>
        Assert.False(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("regulat*", "Regulation is coming")]
    [InlineData("regulat*", "regulatory pressure")]
    [InlineData("regulat*", "EU regulators")]
    [InlineData("regulat*", "regulat")]
    [InlineData("H100*", "H100s are scarce")]
    [InlineData("H100*", "H100")]
    [InlineData("H100*", "H1000")]
    [InlineData("large language mod*", "Large-Language Models")]
    [InlineData("régulat*", "regulation")]
    public void Trailing_star_makes_the_last_word_a_prefix(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("regulat*", "deregulation")]
    [InlineData("regulat*", "regula")]
    [InlineData("H100*", "H10")]
    [InlineData("large language mod*", "large models")]
    [InlineData("large lang* model", "large language model")]
    public void Prefix_keyword_still_starts_at_a_word_boundary(string keyword, string title) =>
        Assert.False(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("深度求索", "深度求索发布新模型")]
    [InlineData("求索", "深度求索发布新模型")]
    [InlineData("新模型", "深度求索发布新模型")]
    [InlineData("深度 求索", "深度求索发布")]
    [InlineData("DeepSeek深度求索", "DeepSeek深度求索发布")]
    [InlineData("DeepSeek深度求索", "DeepSeek 深度求索")]
    [InlineData("AI", "AI芯片出口")]
    [InlineData("芯片", "AI芯片出口")]
    [InlineData("モデル", "新モデル発表")]
    [InlineData("オープンAI", "オープンAIが発表")]
    [InlineData("인공지능", "인공지능이 발전")]
    [InlineData("ปัญญาประดิษฐ์", "ข่าวปัญญาประดิษฐ์วันนี้")]
    [InlineData("深度*", "深度学习")]
    public void Keywords_in_scripts_without_spaces_match_as_character_sequences(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("深度求索", "深度学习")]
    [InlineData("深度求索", "深度 求 学 索")]
    [InlineData("DeepSeek深度求索", "DeepSeeker深度求索")]
    [InlineData("AI", "AIR芯片")]
    public void Character_sequence_matching_still_needs_the_exact_sequence(string keyword, string title) =>
        Assert.False(KeywordMatchesTitle(keyword, title));

    [Theory]
    [InlineData("Ｇｅｍｉｎｉ", "Gemini")]
    [InlineData("ﬁne-tuning", "fine tuning")]
    [InlineData("Llama 3.1", "Llama-3-1")]
    public void Compatibility_forms_and_inner_punctuation_are_normalized(string keyword, string title) =>
        Assert.True(KeywordMatchesTitle(keyword, title));
}
