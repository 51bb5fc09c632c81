namespace Monitor.Core.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class FeedsConfigLoaderTopicTests
{
    [Fact]
    public void Given_a_topic_without_id_When_parsed_Then_the_id_is_required()
    {
        Assert.Equal(
            "feeds.json: $.topics[0]: missing required property 'id'",
            ConfigJson.SingleProblem(ConfigJson.With(topics: """[ { "keywords": ["x"] } ]""", subscribers: "[]")));
    }

    [Fact]
    public void Given_a_topic_id_with_spaces_When_parsed_Then_the_charset_is_named()
    {
        Assert.Equal(
            "feeds.json: $.topics[0].id: invalid topic id 'model releases': use only letters, digits, '.', '_' and '-'",
            ConfigJson.SingleProblem(ConfigJson.With(topics: """[ { "id": "model releases", "keywords": ["x"] } ]""", subscribers: "[]")));
    }

    [Fact]
    public void Given_a_duplicate_topic_id_When_parsed_Then_the_second_occurrence_points_to_the_first()
    {
        const string topics = """[ { "id": "ai", "keywords": ["a"] }, { "id": "ml", "keywords": ["b"] }, { "id": "ai", "keywords": ["c"] } ]""";

        Assert.Equal(
            "feeds.json: $.topics[2].id: duplicate topic id 'ai' (first at $.topics[0])",
            ConfigJson.SingleProblem(ConfigJson.With(topics: topics, subscribers: "[]")));
    }

    [Fact]
    public void Given_a_topic_without_title_When_parsed_Then_the_title_defaults_to_the_id()
    {
        var topic = Assert.Single(ConfigJson.Valid(ConfigJson.With(topics: """[ { "id": "policy", "keywords": ["AI Act"], "title": "" } ]""", subscribers: "[]")).Topics);

        Assert.Equal("policy", topic.Title);
        Assert.Empty(topic.Exclude);
    }

    [Fact]
    public void Given_a_misspelled_keywords_property_When_parsed_Then_keywords_is_suggested_and_missing()
    {
        var problems = ConfigJson.Problems(ConfigJson.With(topics: """[ { "id": "ai", "keyword": ["DeepSeek"] } ]""", subscribers: "[]"));

        Assert.Equal(
            [
                "feeds.json: $.topics[0].keyword: unknown property 'keyword' (did you mean 'keywords'?)",
                "feeds.json: $.topics[0]: missing required property 'keywords'",
            ],
            problems);
    }

    [Fact]
    public void Given_an_empty_keywords_array_When_parsed_Then_at_least_one_keyword_is_required()
    {
        Assert.Equal(
            "feeds.json: $.topics[0].keywords: must contain at least one keyword",
            ConfigJson.SingleProblem(ConfigJson.With(topics: """[ { "id": "ai", "keywords": [] } ]""", subscribers: "[]")));
    }

    [Fact]
    public void Given_keywords_as_a_single_string_When_parsed_Then_an_array_of_strings_is_expected()
    {
        Assert.Equal(
            "feeds.json: $.topics[0].keywords: expected an array of strings, got a string",
            ConfigJson.SingleProblem(ConfigJson.With(topics: """[ { "id": "ai", "keywords": "DeepSeek" } ]""", subscribers: "[]")));
    }

    [Fact]
    public void Given_a_keyword_that_is_not_a_string_When_parsed_Then_its_path_names_the_item()
    {
        Assert.Equal(
            "feeds.json: $.topics[0].keywords[1]: expected a string, got a boolean",
            ConfigJson.SingleProblem(ConfigJson.With(topics: """[ { "id": "ai", "keywords": ["DeepSeek", true] } ]""", subscribers: "[]")));
    }

    [Fact]
    public void Given_an_invalid_regex_keyword_When_parsed_Then_the_dotnet_reason_is_reported_at_the_keyword_path()
    {
        const string topics = """
            [
              { "id": "a", "keywords": ["x"] },
              { "id": "b", "keywords": ["y"] },
              { "id": "c", "keywords": ["/GPT-(/"] }
            ]
            """;

        var problem = ConfigJson.SingleProblem(ConfigJson.With(topics: topics, subscribers: "[]"));

        // The message itself comes from Monitor.Core.Matching.KeywordSyntax.Validate.
        Assert.StartsWith("feeds.json: $.topics[2].keywords[0]: ", problem, StringComparison.Ordinal);
        Assert.Contains("/GPT-(/", problem, StringComparison.Ordinal);
        Assert.Contains("Not enough )'s", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("*")]
    [InlineData("//")]
    public void Given_a_keyword_without_content_When_parsed_Then_it_is_reported_at_its_path(string keyword)
    {
        var json = ConfigJson.With(topics: $$"""[ { "id": "ai", "keywords": ["DeepSeek", "{{keyword}}"] } ]""", subscribers: "[]");

        var problem = ConfigJson.SingleProblem(json);

        Assert.StartsWith("feeds.json: $.topics[0].keywords[1]: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_invalid_exclude_When_parsed_Then_it_is_validated_like_a_keyword()
    {
        var problem = ConfigJson.SingleProblem(ConfigJson.With(topics: """[ { "id": "ai", "keywords": ["x"], "exclude": ["ok", "/[/"] } ]""", subscribers: "[]"));

        Assert.StartsWith("feeds.json: $.topics[0].exclude[1]: ", problem, StringComparison.Ordinal);
        Assert.Contains("'/[/'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_exclude_that_is_not_an_array_When_parsed_Then_an_array_of_strings_is_expected()
    {
        Assert.Equal(
            "feeds.json: $.topics[0].exclude: expected an array of strings, got an object",
            ConfigJson.SingleProblem(ConfigJson.With(topics: """[ { "id": "ai", "keywords": ["x"], "exclude": {} } ]""", subscribers: "[]")));
    }

    [Fact]
    public void Given_valid_keywords_of_every_kind_When_parsed_Then_they_are_kept_verbatim()
    {
        const string topics = """[ { "id": "ai", "keywords": ["DeepSeek", "open weights", "regulat*", "/GPT-\\d/"], "exclude": ["sponsored", "/\\bad\\b/"] } ]""";

        var topic = Assert.Single(ConfigJson.Valid(ConfigJson.With(topics: topics, subscribers: "[]")).Topics);

        Assert.Equal(["DeepSeek", "open weights", "regulat*", "/GPT-\\d/"], topic.Keywords);
        Assert.Equal(["sponsored", "/\\bad\\b/"], topic.Exclude);
    }

    [Fact]
    public void Given_several_bad_keywords_When_parsed_Then_every_one_is_reported()
    {
        var problems = ConfigJson.Problems(ConfigJson.With(topics: """[ { "id": "ai", "keywords": ["/(/", "ok", "*", 3] } ]""", subscribers: "[]"));

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("feeds.json: $.topics[0].keywords[0]: ", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("feeds.json: $.topics[0].keywords[2]: ", problems[1], StringComparison.Ordinal);
        Assert.Equal("feeds.json: $.topics[0].keywords[3]: expected a string, got a number", problems[2]);
    }
}
