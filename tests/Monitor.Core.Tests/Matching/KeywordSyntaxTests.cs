using Monitor.Core.Matching;

namespace Monitor.Core.Tests.Matching;

[Trait("Category", "Unit")]
public sealed class KeywordSyntaxTests
{
    [Theory]
    [InlineData("DeepSeek")]
    [InlineData("Mixture-of-Experts")]
    [InlineData("regulat*")]
    [InlineData("深度求索")]
    [InlineData("/gpt-?5/")]
    [InlineData(" /\\bH100\\b/ ")]
    [InlineData("C++")]
    public void Valid_keywords_give_no_error(string keyword) =>
        Assert.Null(KeywordSyntax.Validate(keyword));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Empty_keyword_is_reported(string keyword) =>
        Assert.Equal("keyword is empty", KeywordSyntax.Validate(keyword));

    [Theory]
    [InlineData("*")]
    [InlineData("--")]
    [InlineData("—")]
    [InlineData("'*'")]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("🚀")]
    public void Keyword_without_letters_or_digits_is_reported(string keyword)
    {
        string? error = KeywordSyntax.Validate(keyword);

        Assert.NotNull(error);
        Assert.Contains("no letters or digits", error, StringComparison.Ordinal);
        Assert.Contains(keyword, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/(unclosed/")]
    [InlineData("/[a-/")]
    [InlineData("/a{2,1}/")]
    [InlineData("/*start/")]
    public void Invalid_regex_is_reported_with_the_parser_message(string keyword)
    {
        string? error = KeywordSyntax.Validate(keyword);

        Assert.NotNull(error);
        Assert.Contains("not a valid regular expression", error, StringComparison.Ordinal);
        Assert.Contains(keyword, error, StringComparison.Ordinal);
        Assert.Contains("Invalid pattern", error, StringComparison.Ordinal); // from the .NET regex parser
    }

    [Theory]
    [InlineData("/x/", true)]
    [InlineData("  /a b/  ", true)]
    [InlineData("//", false)]
    [InlineData("/x", false)]
    [InlineData("x/", false)]
    [InlineData("a/b", false)]
    public void Regex_keywords_start_and_end_with_a_slash(string keyword, bool expected) =>
        Assert.Equal(expected, KeywordSyntax.IsRegex(keyword));

    [Theory]
    [InlineData("regulat*", true)]
    [InlineData("regulat* ", true)]
    [InlineData("regulation", false)]
    [InlineData("/regulat*/", false)]
    [InlineData("a*b", false)]
    public void Prefix_keywords_end_with_a_star(string keyword, bool expected) =>
        Assert.Equal(expected, KeywordSyntax.IsPrefix(keyword));
}
