using Monitor.Core.Matching;

namespace Monitor.Core.Tests.Matching;

[Trait("Category", "Unit")]
public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("  --  ", "")]
    [InlineData("DeepSeek", "deepseek")]
    [InlineData("  Hello,   WORLD!  ", "hello world")]
    [InlineData("Mixture-of-Experts", "mixture of experts")]
    [InlineData("DeepSeek\u2013V4 \u2014 GPT\u20105", "deepseek v4 gpt 5")]
    [InlineData("OpenAI's model", "openai s model")]
    [InlineData("OpenAI\u2019s model", "openai s model")]
    [InlineData("snake_case.dotted/slash", "snake case dotted slash")]
    [InlineData("Llama 3.1 (405B)", "llama 3 1 405b")]
    public void Punctuation_and_case_are_normalized(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("Regulación", "regulacion")]
    [InlineData("ÜBER Straße", "uber strasse")]
    [InlineData("Ærø œuvre", "aero oeuvre")]
    [InlineData("ﬁne ﬂow", "fine flow")]
    [InlineData("Ｆｕｌｌｗｉｄｔｈ １２３", "fullwidth 123")]
    [InlineData("Łódź", "lodz")]
    [InlineData("Ελληνικά ΣΟΦΟΣ σοφος", "ελληνικα σοφοσ σοφοσ")]
    [InlineData("Cafe\u0301", "cafe")]
    [InlineData("regu\u00ADlation", "regulation")]
    [InlineData("Привет Ёж", "привет еж")]
    [InlineData("٣ digits ३", "3 digits 3")]
    public void Diacritics_ligatures_and_compatibility_forms_are_folded(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("深度求索发布新模型", "深 度 求 索 发 布 新 模 型")]
    [InlineData("DeepSeek深度求索", "deepseek 深 度 求 索")]
    [InlineData("ディープシーク、新モデル", "デ ィ ー プ シ ー ク 新 モ デ ル")]
    [InlineData("삼성전자가", "삼 성 전 자 가")]
    [InlineData("ปัญญาประดิษฐ์", "ป ั ญ ญ า ป ร ะ ด ิ ษ ฐ ์")]
    [InlineData("𠀀x", "𠀀 x")]
    public void Characters_of_scripts_without_spaces_are_words_of_their_own(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Fact]
    public void Emoji_and_symbols_separate_words() =>
        Assert.Equal("ai news 2025", TextNormalizer.Normalize("AI🚀news™ © 2025"));

    [Fact]
    public void Lone_surrogates_do_not_throw() =>
        Assert.Equal("a b", TextNormalizer.Normalize("a\uD800b"));

    [Fact]
    public void Long_text_is_normalized_completely()
    {
        string text = string.Concat(Enumerable.Repeat("Word, ", 10_000));

        string normalized = TextNormalizer.Normalize(text);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("word", 10_000)), normalized);
    }

    [Fact]
    public void Every_ascii_char_folds_the_same_wherever_it_falls_in_a_run()
    {
        // Runs of ASCII are folded 8 chars at a time while no separator follows another, char by char otherwise:
        // every char, at every offset in a block, next to letters, to itself and across blocks, folds the same.
        for (char c = '\0'; c < 0x80; c++)
        {
            for (int offset = 0; offset < 8; offset++)
            {
                string text = $"{c}{new string('x', offset)}Abcdefg{c}Hijklmn{c}{c}Opqrstu{c}vW{c}{c}{c}xyz0123456789{c}";

                Assert.Equal(AsciiReference(text), TextNormalizer.Normalize(text));
            }
        }
    }

    [Fact]
    public void Normalization_is_idempotent()
    {
        const string text = "Régulation de l'IA — Mixture-of-Experts 深度求索 ß";

        string once = TextNormalizer.Normalize(text);

        Assert.Equal(once, TextNormalizer.Normalize(once));
    }

    /// <summary>ASCII letters and digits (lower case) form words, any other char separates them.</summary>
    private static string AsciiReference(string text) =>
        string.Join(' ', new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
