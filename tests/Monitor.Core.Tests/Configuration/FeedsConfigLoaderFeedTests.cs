using Monitor.Core.Configuration;

namespace Monitor.Core.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class FeedsConfigLoaderFeedTests
{
    [Fact]
    public void Given_a_feed_without_id_When_parsed_Then_the_id_is_required()
    {
        Assert.Equal(
            "feeds.json: $.feeds[0]: missing required property 'id'",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: """[ { "url": "https://example.com/feed.xml" } ]""")));
    }

    [Fact]
    public void Given_an_empty_feed_id_When_parsed_Then_it_must_not_be_empty()
    {
        Assert.Equal(
            "feeds.json: $.feeds[0].id: must not be empty",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: """[ { "id": "", "url": "https://example.com/feed.xml" } ]""")));
    }

    [Fact]
    public void Given_a_numeric_feed_id_When_parsed_Then_a_string_is_expected()
    {
        Assert.Equal(
            "feeds.json: $.feeds[0].id: expected a string, got a number",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: """[ { "id": 7, "url": "https://example.com/feed.xml" } ]""")));
    }

    [Fact]
    public void Given_a_null_feed_id_When_parsed_Then_a_string_is_expected()
    {
        Assert.Equal(
            "feeds.json: $.feeds[0].id: expected a string, got null",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: """[ { "id": null, "url": "https://example.com/feed.xml" } ]""")));
    }

    [Theory]
    [InlineData("hf blog")]
    [InlineData("hf/blog")]
    [InlineData("blög")]
    public void Given_a_feed_id_with_other_characters_When_parsed_Then_the_charset_is_named(string id)
    {
        Assert.Equal(
            $"feeds.json: $.feeds[0].id: invalid feed id '{id}': use only letters, digits, '.', '_' and '-'",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: $$"""[ { "id": "{{id}}", "url": "https://example.com/feed.xml" } ]""")));
    }

    [Fact]
    public void Given_a_duplicate_feed_id_When_parsed_Then_the_second_occurrence_points_to_the_first()
    {
        const string feeds = """
            [
              { "id": "x", "url": "https://example.com/1.xml" },
              { "id": "y", "url": "https://example.com/2.xml" },
              { "id": "z", "url": "https://example.com/3.xml" },
              { "id": "x", "url": "https://example.com/4.xml" }
            ]
            """;

        Assert.Equal(
            "feeds.json: $.feeds[3].id: duplicate feed id 'x' (first at $.feeds[0])",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: feeds)));
    }

    [Fact]
    public void Given_feed_ids_differing_only_in_case_When_parsed_Then_they_are_duplicates()
    {
        const string feeds = """[ { "id": "HF-Blog", "url": "https://a.example/1" }, { "id": "hf-blog", "url": "https://a.example/2" } ]""";

        Assert.Equal(
            "feeds.json: $.feeds[1].id: duplicate feed id 'hf-blog' (first at $.feeds[0])",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: feeds)));
    }

    [Fact]
    public void Given_a_feed_that_is_not_an_object_When_parsed_Then_an_object_is_expected()
    {
        Assert.Equal(
            "feeds.json: $.feeds[0]: expected an object, got a string",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: """[ "https://example.com/feed.xml" ]""")));
    }

    [Fact]
    public void Given_a_misspelled_feed_property_When_parsed_Then_the_known_name_is_suggested()
    {
        Assert.Equal(
            "feeds.json: $.feeds[0].titel: unknown property 'titel' (did you mean 'title'?)",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: """[ { "id": "a", "url": "https://example.com/f", "titel": "A" } ]""")));
    }

    [Fact]
    public void Given_a_feed_without_url_When_parsed_Then_the_url_is_required()
    {
        Assert.Equal(
            "feeds.json: $.feeds[0]: missing required property 'url'",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: """[ { "id": "a" } ]""")));
    }

    [Theory]
    [InlineData("ftp://example.com/feed.xml", "unsupported URL scheme 'ftp:' in 'ftp://example.com/feed.xml' (use http, https, file or a local path)")]
    [InlineData("javascript:alert(1)", "unsupported URL scheme 'javascript:' in 'javascript:alert(1)' (use http, https, file or a local path)")]
    [InlineData("mailto:news@example.com", "unsupported URL scheme 'mailto:' in 'mailto:news@example.com' (use http, https, file or a local path)")]
    [InlineData("https://exa mple.com/feed.xml", "invalid URL 'https://exa mple.com/feed.xml'")]
    [InlineData("http//example.com/feed.xml", "invalid URL 'http//example.com/feed.xml'")]
    [InlineData("   ", "must not be empty")]
    public void Given_an_unusable_url_When_parsed_Then_the_url_is_reported(string url, string message)
    {
        Assert.Equal(
            $"feeds.json: $.feeds[0].url: {message}",
            ConfigJson.SingleProblem(ConfigJson.With(feeds: $$"""[ { "id": "a", "url": "{{url}}" } ]""")));
    }

    [Theory]
    [InlineData("https://huggingface.co/blog/feed.xml")]
    [InlineData("http://example.com/rss?format=xml")]
    [InlineData("HTTPS://Example.com/Feed")]
    public void Given_an_http_url_When_parsed_Then_it_is_kept_as_an_absolute_uri(string url)
    {
        var feed = Assert.Single(ConfigJson.Valid(ConfigJson.With(feeds: $$"""[ { "id": "a", "url": "{{url}}" } ]""")).Feeds);

        Assert.Equal(new Uri(url), feed.Url);
        Assert.True(feed.Url.IsAbsoluteUri);
    }

    [Fact]
    public void Given_a_relative_local_path_When_parsed_Then_it_becomes_a_file_uri_under_the_base_directory()
    {
        var feed = Assert.Single(ConfigJson.Valid(ConfigJson.With(feeds: """[ { "id": "a", "url": "samples/feed.xml" } ]""")).Feeds);

        Assert.True(feed.Url.IsFile);
        Assert.Equal(Path.Combine(ConfigJson.BaseDirectory, "samples", "feed.xml"), feed.Url.LocalPath);
    }

    [Fact]
    public void Given_a_relative_path_with_dot_segments_When_parsed_Then_it_is_normalized()
    {
        var feed = Assert.Single(ConfigJson.Valid(ConfigJson.With(feeds: """[ { "id": "a", "url": "./x/../feed.xml" } ]""")).Feeds);

        Assert.Equal(Path.Combine(ConfigJson.BaseDirectory, "feed.xml"), feed.Url.LocalPath);
    }

    [Fact]
    public void Given_an_absolute_local_path_When_parsed_Then_it_becomes_a_file_uri_as_is()
    {
        var path = Path.Combine(Path.GetTempPath(), "elsewhere", "feed.xml");
        var json = ConfigJson.With(feeds: $$"""[ { "id": "a", "url": {{System.Text.Json.JsonSerializer.Serialize(path)}} } ]""");

        var feed = Assert.Single(ConfigJson.Valid(json).Feeds);

        Assert.True(feed.Url.IsFile);
        Assert.Equal(path, feed.Url.LocalPath);
    }

    [Fact]
    public void Given_a_file_url_When_parsed_Then_it_is_accepted_without_the_file_existing()
    {
        var feed = Assert.Single(ConfigJson.Valid(ConfigJson.With(feeds: """[ { "id": "a", "url": "file:///srv/feeds/missing.xml" } ]""")).Feeds);

        Assert.Equal(new Uri("file:///srv/feeds/missing.xml"), feed.Url);
    }

    [Fact]
    public void Given_a_feed_without_title_or_with_an_empty_one_When_parsed_Then_title_is_null()
    {
        const string feeds = """[ { "id": "a", "url": "https://a.example/f" }, { "id": "b", "url": "https://b.example/f", "title": "" } ]""";

        var config = ConfigJson.Valid(ConfigJson.With(feeds: feeds));

        Assert.Null(config.Feeds[0].Title);
        Assert.Null(config.Feeds[1].Title);
    }

    [Fact]
    public void Given_a_feed_without_pollEvery_When_parsed_Then_the_default_of_15_minutes_applies()
    {
        var feed = Assert.Single(ConfigJson.Valid(ConfigJson.With()).Feeds);

        Assert.Equal(TimeSpan.FromMinutes(15), feed.PollEvery);
        Assert.Equal(FeedDefinition.DefaultPollEvery, feed.PollEvery);
    }

    [Theory]
    [InlineData("00:30:00", 30)]
    [InlineData("01:00", 60)]
    [InlineData("1.00:00:00", 1440)]
    [InlineData("30m", 30)]
    [InlineData("2h", 120)]
    [InlineData("90s", 1.5)]
    [InlineData("1d", 1440)]
    [InlineData("1h30m", 90)]
    [InlineData("5M", 5)]
    [InlineData("60s", 1)]
    [InlineData("7d", 10080)]
    public void Given_a_pollEvery_duration_When_parsed_Then_timespan_and_friendly_forms_work(string text, double minutes)
    {
        var json = ConfigJson.With(feeds: $$"""[ { "id": "a", "url": "https://a.example/f", "pollEvery": "{{text}}" } ]""");

        var feed = Assert.Single(ConfigJson.Valid(json).Feeds);

        Assert.Equal(TimeSpan.FromMinutes(minutes), feed.PollEvery);
    }

    [Theory]
    [InlineData("soon", "invalid duration 'soon': use hh:mm:ss (e.g. \"00:30:00\") or a number with a unit (90s, 30m, 2h, 1d)")]
    [InlineData("30", "invalid duration '30': use hh:mm:ss (e.g. \"00:30:00\") or a number with a unit (90s, 30m, 2h, 1d)")]
    [InlineData("30 minutes", "invalid duration '30 minutes': use hh:mm:ss (e.g. \"00:30:00\") or a number with a unit (90s, 30m, 2h, 1d)")]
    [InlineData("-00:30:00", "poll interval must be positive, got '-00:30:00'")]
    [InlineData("00:00:00", "poll interval must be positive, got '00:00:00'")]
    [InlineData("0m", "poll interval must be positive, got '0m'")]
    [InlineData("30s", "poll interval must be at least 1 minute, got '30s'")]
    [InlineData("8d", "poll interval must be at most 7 days, got '8d'")]
    [InlineData("7.00:00:01", "poll interval must be at most 7 days, got '7.00:00:01'")]
    public void Given_an_invalid_pollEvery_When_parsed_Then_the_reason_is_reported(string text, string message)
    {
        var json = ConfigJson.With(feeds: $$"""[ { "id": "a", "url": "https://a.example/f", "pollEvery": {{System.Text.Json.JsonSerializer.Serialize(text)}} } ]""");

        Assert.Equal($"feeds.json: $.feeds[0].pollEvery: {message}", ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_a_numeric_pollEvery_When_parsed_Then_a_duration_string_is_expected()
    {
        var json = ConfigJson.With(feeds: """[ { "id": "a", "url": "https://a.example/f", "pollEvery": 30 } ]""");

        Assert.Equal(
            "feeds.json: $.feeds[0].pollEvery: expected a duration string such as \"00:30:00\" or \"30m\", got a number",
            ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_a_feed_with_several_problems_When_parsed_Then_each_is_reported()
    {
        var json = ConfigJson.With(feeds: """[ { "id": "a b", "url": "ftp://x/y", "title": 5, "pollEvery": "never" } ]""");

        var problems = ConfigJson.Problems(json);

        Assert.Collection(
            problems,
            p => Assert.StartsWith("feeds.json: $.feeds[0].id: invalid feed id", p, StringComparison.Ordinal),
            p => Assert.StartsWith("feeds.json: $.feeds[0].url: unsupported URL scheme 'ftp:'", p, StringComparison.Ordinal),
            p => Assert.Equal("feeds.json: $.feeds[0].title: expected a string, got a number", p),
            p => Assert.StartsWith("feeds.json: $.feeds[0].pollEvery: invalid duration 'never'", p, StringComparison.Ordinal));
    }
}
