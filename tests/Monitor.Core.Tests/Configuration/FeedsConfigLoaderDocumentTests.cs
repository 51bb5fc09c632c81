using Monitor.Core.Configuration;
using Monitor.Core.Scheduling;

namespace Monitor.Core.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class FeedsConfigLoaderDocumentTests
{
    [Fact]
    public void Given_malformed_json_When_parsed_Then_one_problem_at_root_names_line_and_column()
    {
        const string json = "{\n  \"feeds\": [,]\n}";

        var problem = ConfigJson.SingleProblem(json);

        Assert.Equal("feeds.json: $: invalid JSON at line 2, column 13: ',' is an invalid start of a value.", problem);
    }

    [Fact]
    public void Given_an_empty_text_When_parsed_Then_one_invalid_json_problem()
    {
        var problem = ConfigJson.SingleProblem("");

        Assert.StartsWith("feeds.json: $: invalid JSON at line 1, column 1: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_array_at_the_root_When_parsed_Then_root_must_be_an_object()
    {
        Assert.Equal("feeds.json: $: expected an object, got an array", ConfigJson.SingleProblem("[]"));
    }

    [Fact]
    public void Given_an_empty_object_When_parsed_Then_the_config_is_valid_and_empty()
    {
        var config = ConfigJson.Valid("{}");

        Assert.Empty(config.Feeds);
        Assert.Empty(config.Topics);
        Assert.Empty(config.Subscribers);
    }

    [Fact]
    public void Given_null_sections_When_parsed_Then_they_count_as_missing()
    {
        var config = ConfigJson.Valid("""{ "feeds": null, "topics": null, "subscribers": null }""");

        Assert.Empty(config.Feeds);
    }

    [Fact]
    public void Given_a_schema_property_When_parsed_Then_it_is_ignored()
    {
        var config = ConfigJson.Valid("""{ "$schema": "./feeds.schema.json", "feeds": [] }""");

        Assert.Empty(config.Feeds);
    }

    [Fact]
    public void Given_comments_and_trailing_commas_When_parsed_Then_they_are_accepted()
    {
        const string json = """
            // Monitor configuration
            {
              /* feeds to poll */
              "feeds": [
                { "id": "hf-blog", "url": "https://huggingface.co/blog/feed.xml", }, // trailing comma in object
              ],
              "topics": [ { "id": "model-releases", "keywords": ["DeepSeek", "open weights",], }, ],
              "subscribers": [],
            }
            """;

        var config = ConfigJson.Valid(json);

        Assert.Single(config.Feeds);
        Assert.Equal(["DeepSeek", "open weights"], config.Topics[0].Keywords);
    }

    [Fact]
    public void Given_an_unknown_root_property_close_to_a_known_one_When_parsed_Then_a_suggestion_is_made()
    {
        Assert.Equal(
            "feeds.json: $.feed: unknown property 'feed' (did you mean 'feeds'?)",
            ConfigJson.SingleProblem("""{ "feed": [] }"""));
    }

    [Fact]
    public void Given_a_root_property_in_the_wrong_case_When_parsed_Then_it_is_unknown_with_the_camel_case_suggestion()
    {
        Assert.Equal(
            "feeds.json: $.Subscribers: unknown property 'Subscribers' (did you mean 'subscribers'?)",
            ConfigJson.SingleProblem("""{ "Subscribers": [] }"""));
    }

    [Fact]
    public void Given_an_unknown_property_far_from_any_known_one_When_parsed_Then_the_known_names_are_listed()
    {
        Assert.Equal(
            "feeds.json: $.settings: unknown property 'settings' (known: feeds, topics, subscribers)",
            ConfigJson.SingleProblem("""{ "settings": {} }"""));
    }

    [Fact]
    public void Given_a_property_name_that_is_not_an_identifier_When_reported_Then_the_path_uses_brackets()
    {
        Assert.Equal(
            "feeds.json: $['my feeds']: unknown property 'my feeds' (known: feeds, topics, subscribers)",
            ConfigJson.SingleProblem("""{ "my feeds": [] }"""));
    }

    [Fact]
    public void Given_a_duplicate_property_When_parsed_Then_the_second_occurrence_is_reported()
    {
        Assert.Equal(
            "feeds.json: $.feeds: duplicate property 'feeds' (only the first one is read)",
            ConfigJson.SingleProblem("""{ "feeds": [], "feeds": [] }"""));
    }

    [Theory]
    [InlineData("feeds", "{}", "feeds.json: $.feeds: expected an array, got an object")]
    [InlineData("topics", "\"x\"", "feeds.json: $.topics: expected an array, got a string")]
    [InlineData("subscribers", "42", "feeds.json: $.subscribers: expected an array, got a number")]
    public void Given_a_section_of_the_wrong_type_When_parsed_Then_an_array_is_expected(string section, string value, string expected)
    {
        Assert.Equal(expected, ConfigJson.SingleProblem($$"""{ "{{section}}": {{value}} }"""));
    }

    [Fact]
    public void Given_five_different_problems_When_parsed_Then_all_five_are_reported_in_order()
    {
        const string json = """
            {
              "feeds": [
                { "id": "hf blog", "url": "https://huggingface.co/blog/feed.xml" },
                { "id": "ftp-feed", "url": "ftp://example.com/feed.xml", "pollEvery": "30s" }
              ],
              "topics": [ { "id": "model-releases", "keywords": ["DeepSeek"], "exlude": ["sponsored"] } ],
              "subscribers": [ { "email": "analyst@example.com", "topics": ["model-releases"], "timeZone": "Europe/Berln" } ]
            }
            """;

        var problems = ConfigJson.Problems(json);

        Assert.Equal(5, problems.Count);
        Assert.Equal("feeds.json: $.feeds[0].id: invalid feed id 'hf blog': use only letters, digits, '.', '_' and '-'", problems[0]);
        Assert.Equal("feeds.json: $.feeds[1].url: unsupported URL scheme 'ftp:' in 'ftp://example.com/feed.xml' (use http, https, file or a local path)", problems[1]);
        Assert.Equal("feeds.json: $.feeds[1].pollEvery: poll interval must be at least 1 minute, got '30s'", problems[2]);
        Assert.Equal("feeds.json: $.topics[0].exlude: unknown property 'exlude' (did you mean 'exclude'?)", problems[3]);
        Assert.Equal("feeds.json: $.subscribers[0].timeZone: unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?)", problems[4]);
    }

    [Fact]
    public void Given_the_documented_example_When_parsed_Then_every_value_round_trips_into_the_records()
    {
        const string json = """
            {
              "$schema": "./feeds.schema.json",
              "feeds": [
                { "id": "hf-blog", "url": "https://huggingface.co/blog/feed.xml", "title": "Hugging Face blog", "pollEvery": "00:30:00" },
                { "id": "local", "url": "samples/local.xml" }
              ],
              "topics": [
                { "id": "model-releases", "title": "Model releases", "keywords": ["DeepSeek", "open weights", "regulat*", "/GPT-\\d/"], "exclude": ["sponsored"] },
                { "id": "policy", "keywords": ["AI Act"] }
              ],
              "subscribers": [
                { "email": "analyst@example.com", "name": "AI desk", "topics": ["model-releases"], "schedule": "daily 08:00", "timeZone": "Europe/Berlin" },
                { "email": "editor@example.com", "topics": ["model-releases", "policy"] }
              ]
            }
            """;

        var config = ConfigJson.Valid(json);

        Assert.Equal(2, config.Feeds.Count);
        Assert.Equal(
            new FeedDefinition("hf-blog", new Uri("https://huggingface.co/blog/feed.xml"), "Hugging Face blog", TimeSpan.FromMinutes(30)),
            config.Feeds[0]);
        var local = config.Feeds[1];
        Assert.Equal("local", local.Id);
        Assert.Equal(new Uri(Path.Combine(ConfigJson.BaseDirectory, "samples", "local.xml")), local.Url);
        Assert.Null(local.Title);
        Assert.Equal(FeedDefinition.DefaultPollEvery, local.PollEvery);
        Assert.Equal(TimeSpan.FromMinutes(15), local.PollEvery);

        Assert.Equal(2, config.Topics.Count);
        var releases = config.Topics[0];
        Assert.Equal("model-releases", releases.Id);
        Assert.Equal("Model releases", releases.Title);
        Assert.Equal(["DeepSeek", "open weights", "regulat*", "/GPT-\\d/"], releases.Keywords);
        Assert.Equal(["sponsored"], releases.Exclude);
        Assert.Equal("policy", config.Topics[1].Title);
        Assert.Empty(config.Topics[1].Exclude);

        Assert.Equal(2, config.Subscribers.Count);
        var analyst = config.Subscribers[0];
        Assert.Equal("analyst@example.com", analyst.Email);
        Assert.Equal("AI desk", analyst.Name);
        Assert.Equal(["model-releases"], analyst.Topics);
        Assert.Equal("daily 08:00", analyst.Schedule.Text);
        Assert.Equal("0 0 8 * * ?", analyst.Schedule.CronExpression);
        Assert.Equal("Europe/Berlin", analyst.TimeZone.Id);
        var editor = config.Subscribers[1];
        Assert.Null(editor.Name);
        Assert.Equal(["model-releases", "policy"], editor.Topics);
        Assert.Equal(DigestSchedule.Default, editor.Schedule);
        Assert.Equal("0 0 8 * * ?", editor.Schedule.CronExpression);
        Assert.Equal("UTC", editor.TimeZone.Id);
    }

    [Fact]
    public void Given_another_file_name_When_parsed_Then_problems_name_that_file()
    {
        var result = FeedsConfigLoader.Parse("[]", "prod-feeds.json", ConfigJson.BaseDirectory);

        Assert.Equal("prod-feeds.json: $: expected an object, got an array", Assert.Single(result.Problems).ToString());
        Assert.Equal(new ConfigProblem("prod-feeds.json", "$", "expected an object, got an array"), result.Problems[0]);
    }
}
