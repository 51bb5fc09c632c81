namespace Monitor.Core.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class FeedsConfigLoaderSubscriberTests
{
    private const string ThreeTopics = """
        [ { "id": "a", "keywords": ["x"] }, { "id": "b", "keywords": ["y"] }, { "id": "c", "keywords": ["z"] } ]
        """;

    [Fact]
    public void Given_a_subscriber_without_email_When_parsed_Then_the_email_is_required()
    {
        Assert.Equal(
            "feeds.json: $.subscribers[0]: missing required property 'email'",
            ConfigJson.SingleProblem(ConfigJson.With(subscribers: """[ { "topics": ["model-releases"] } ]""")));
    }

    [Theory]
    [InlineData("not-an-email", "it must contain exactly one '@'")]
    [InlineData("a@@example.com", "it must contain exactly one '@'")]
    [InlineData("a b@example.com", "it must not contain spaces")]
    [InlineData("AI desk <desk@example.com>", "it must not contain spaces")]
    [InlineData("analyst@localhost", "the domain must contain a dot, e.g. example.com")]
    [InlineData("analyst@example.", "the domain must contain a dot, e.g. example.com")]
    [InlineData("@example.com", "nothing before the '@'")]
    [InlineData("<desk@example.com>", "not a valid address")]
    public void Given_an_invalid_email_When_parsed_Then_the_reason_is_reported(string email, string reason)
    {
        var json = ConfigJson.With(subscribers: $$"""[ { "email": "{{email}}", "topics": ["model-releases"] } ]""");

        Assert.Equal(
            $"feeds.json: $.subscribers[0].email: invalid email address '{email}': {reason}",
            ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_duplicate_emails_in_different_case_When_parsed_Then_the_second_is_reported()
    {
        const string subscribers = """
            [
              { "email": "analyst@example.com", "topics": ["model-releases"] },
              { "email": "Analyst@Example.com", "topics": ["model-releases"] }
            ]
            """;

        Assert.Equal(
            "feeds.json: $.subscribers[1].email: duplicate subscriber email 'Analyst@Example.com' (first at $.subscribers[0])",
            ConfigJson.SingleProblem(ConfigJson.With(subscribers: subscribers)));
    }

    [Fact]
    public void Given_a_subscriber_without_topics_When_parsed_Then_topics_are_required()
    {
        Assert.Equal(
            "feeds.json: $.subscribers[0]: missing required property 'topics'",
            ConfigJson.SingleProblem(ConfigJson.With(subscribers: """[ { "email": "a@example.com" } ]""")));
    }

    [Fact]
    public void Given_an_empty_topics_list_When_parsed_Then_at_least_one_is_required()
    {
        Assert.Equal(
            "feeds.json: $.subscribers[0].topics: must list at least one topic id",
            ConfigJson.SingleProblem(ConfigJson.With(subscribers: """[ { "email": "a@example.com", "topics": [] } ]""")));
    }

    [Fact]
    public void Given_an_unknown_topic_When_parsed_Then_the_known_topics_are_listed()
    {
        var json = ConfigJson.With(topics: ThreeTopics, subscribers: """[ { "email": "a@example.com", "topics": ["a", "x"] } ]""");

        Assert.Equal("feeds.json: $.subscribers[0].topics[1]: unknown topic 'x' (known: a, b, c)", ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_no_topics_at_all_When_a_subscriber_names_one_Then_known_is_none()
    {
        var json = ConfigJson.With(topics: "[]", subscribers: """[ { "email": "a@example.com", "topics": ["ai"] } ]""");

        Assert.Equal("feeds.json: $.subscribers[0].topics[0]: unknown topic 'ai' (known: none)", ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_a_topic_that_has_other_problems_When_a_subscriber_names_it_Then_only_the_topic_problem_is_reported()
    {
        var json = ConfigJson.With(
            topics: """[ { "id": "ai", "keywords": ["*"] } ]""",
            subscribers: """[ { "email": "a@example.com", "topics": ["ai"] } ]""");

        Assert.StartsWith("feeds.json: $.topics[0].keywords[0]: ", ConfigJson.SingleProblem(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_topics_declared_after_subscribers_When_parsed_Then_references_still_resolve()
    {
        const string json = """
            {
              "subscribers": [ { "email": "a@example.com", "topics": ["ai"] } ],
              "topics": [ { "id": "ai", "keywords": ["x"] } ]
            }
            """;

        Assert.Equal(["ai"], Assert.Single(ConfigJson.Valid(json).Subscribers).Topics);
    }

    [Fact]
    public void Given_a_topic_listed_twice_When_parsed_Then_the_repeat_is_reported()
    {
        var json = ConfigJson.With(topics: ThreeTopics, subscribers: """[ { "email": "a@example.com", "topics": ["a", "a"] } ]""");

        Assert.Equal("feeds.json: $.subscribers[0].topics[1]: topic 'a' is listed twice", ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_a_topic_reference_that_is_not_a_string_When_parsed_Then_a_string_is_expected()
    {
        var json = ConfigJson.With(subscribers: """[ { "email": "a@example.com", "topics": ["model-releases", 1] } ]""");

        Assert.Equal("feeds.json: $.subscribers[0].topics[1]: expected a string, got a number", ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_no_schedule_and_no_time_zone_When_parsed_Then_daily_08_00_in_UTC_applies()
    {
        var subscriber = Assert.Single(ConfigJson.Valid(ConfigJson.With()).Subscribers);

        Assert.Equal("daily 08:00", subscriber.Schedule.Text);
        Assert.Equal("0 0 8 * * ?", subscriber.Schedule.CronExpression);
        Assert.Equal(TimeZoneInfo.Utc, subscriber.TimeZone);
        Assert.Null(subscriber.Name);
    }

    [Theory]
    [InlineData("immediate", null)]
    [InlineData("hourly", "0 0 * * * ?")]
    [InlineData("weekly mon 07:30", "0 30 7 ? * MON")]
    [InlineData("0 0 6,18 * * ?", "0 0 6,18 * * ?")]
    public void Given_a_schedule_When_parsed_Then_it_is_parsed_with_DigestSchedule(string schedule, string? cron)
    {
        var json = ConfigJson.With(subscribers: $$"""[ { "email": "a@example.com", "topics": ["model-releases"], "schedule": "{{schedule}}" } ]""");

        var subscriber = Assert.Single(ConfigJson.Valid(json).Subscribers);

        Assert.Equal(cron, subscriber.Schedule.CronExpression);
    }

    [Fact]
    public void Given_an_invalid_schedule_When_parsed_Then_the_schedule_error_is_reported_at_its_path()
    {
        var json = ConfigJson.With(subscribers: """[ { "email": "a@example.com", "topics": ["model-releases"], "schedule": "daily 25:00" } ]""");

        Assert.Equal(
            "feeds.json: $.subscribers[0].schedule: invalid schedule 'daily 25:00': hour must be 00-23; expected immediate, hourly, daily HH:MM, weekly DAY HH:MM or a Quartz cron expression",
            ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_an_iana_time_zone_When_parsed_Then_the_zone_is_resolved()
    {
        var json = ConfigJson.With(subscribers: """[ { "email": "a@example.com", "topics": ["model-releases"], "timeZone": "America/New_York" } ]""");

        var subscriber = Assert.Single(ConfigJson.Valid(json).Subscribers);

        Assert.Equal("America/New_York", subscriber.TimeZone.Id);
    }

    [Fact]
    public void Given_an_unknown_time_zone_When_parsed_Then_it_is_reported_with_a_suggestion()
    {
        var json = ConfigJson.With(subscribers: """[ { "email": "a@example.com", "topics": ["model-releases"], "timeZone": "Europe/Berln" } ]""");

        Assert.Equal(
            "feeds.json: $.subscribers[0].timeZone: unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'?)",
            ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_a_time_zone_far_from_any_known_one_When_parsed_Then_an_example_is_given()
    {
        var json = ConfigJson.With(subscribers: """[ { "email": "a@example.com", "topics": ["model-releases"], "timeZone": "Mars/Olympus_Mons" } ]""");

        Assert.Equal(
            "feeds.json: $.subscribers[0].timeZone: unknown time zone 'Mars/Olympus_Mons' (use an IANA id such as 'Europe/Berlin' or 'UTC')",
            ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_a_misspelled_time_zone_property_When_parsed_Then_timeZone_is_suggested()
    {
        var json = ConfigJson.With(subscribers: """[ { "email": "a@example.com", "topics": ["model-releases"], "timezone": "UTC" } ]""");

        Assert.Equal(
            "feeds.json: $.subscribers[0].timezone: unknown property 'timezone' (did you mean 'timeZone'?)",
            ConfigJson.SingleProblem(json));
    }

    [Fact]
    public void Given_a_subscriber_with_every_field_wrong_When_parsed_Then_each_is_reported()
    {
        var json = ConfigJson.With(subscribers: """[ { "email": "nope", "name": 1, "topics": ["zzz"], "schedule": "weekly 08:00", "timeZone": "Nowhere/City" } ]""");

        var problems = ConfigJson.Problems(json);

        Assert.Collection(
            problems,
            p => Assert.StartsWith("feeds.json: $.subscribers[0].email: invalid email address 'nope'", p, StringComparison.Ordinal),
            p => Assert.Equal("feeds.json: $.subscribers[0].name: expected a string, got a number", p),
            p => Assert.Equal("feeds.json: $.subscribers[0].topics[0]: unknown topic 'zzz' (known: model-releases)", p),
            p => Assert.StartsWith("feeds.json: $.subscribers[0].schedule: invalid schedule 'weekly 08:00'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("feeds.json: $.subscribers[0].timeZone: unknown time zone 'Nowhere/City'", p, StringComparison.Ordinal));
    }
}
