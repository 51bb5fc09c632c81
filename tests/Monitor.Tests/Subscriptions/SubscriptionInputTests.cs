using Monitor.Configuration;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;
using Monitor.Subscriptions;

namespace Monitor.Tests.Subscriptions;

/// <summary><see cref="SubscriptionInput"/>: what the pages and <c>subscribers add</c> accept, checked like feeds.json.</summary>
[Trait("Category", "Unit")]
public sealed class SubscriptionInputTests
{
    private static readonly ActiveConfig Active = Config(("models", "Model releases"), ("chips", "Chips"));

    [Fact]
    public void Given_valid_values_when_validated_then_the_email_is_lower_cased_topics_split_and_defaults_applied()
    {
        Assert.True(SubscriptionInput.TryCreate(" Zoë@Example.ORG ", "  ", ["models, chips", "models"], null, "", Active, web: true, out var input, out var problems), string.Join("\n", problems));

        Assert.Equal("zoë@example.org", input.Email);
        Assert.Null(input.Name);
        Assert.Equal(["models", "chips"], input.Topics);
        Assert.Equal("daily 08:00", input.Schedule.Text);
        Assert.Equal(TimeZoneInfo.Utc.Id, input.TimeZone.Id);
    }

    [Theory]
    [InlineData("", "email: required")]
    [InlineData("someone", "email: invalid email address 'someone': it must contain exactly one '@'")]
    [InlineData("a b@example.org", "email: invalid email address 'a b@example.org': it must not contain spaces")]
    [InlineData("a@localhost", "email: invalid email address 'a@localhost': the domain must contain a dot")]
    [InlineData("Name <a@example.org>", "email: invalid email address 'Name <a@example.org>': it must not contain spaces")]
    public void Given_a_bad_email_when_validated_then_the_problem_names_it(string email, string expected)
    {
        Assert.False(SubscriptionInput.TryCreate(email, null, ["models"], "hourly", "UTC", Active, web: true, out var input, out var problems));

        Assert.Null(input);
        Assert.Single(problems);
        Assert.StartsWith(expected, problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Given_unknown_topics_a_bad_schedule_and_an_unknown_zone_when_validated_then_every_problem_is_reported()
    {
        Assert.False(SubscriptionInput.TryCreate("a@example.org", new string('x', 101), ["models", "weather"], "daily 25:00", "Europe/Berlim", Active, web: false, out _, out var problems));

        Assert.Equal(4, problems.Count);
        Assert.StartsWith("name: at most 100 characters", problems[0], StringComparison.Ordinal);
        Assert.Equal("topics: unknown topic 'weather' (known: models, chips)", problems[1]);
        Assert.StartsWith("schedule: invalid schedule 'daily 25:00'", problems[2], StringComparison.Ordinal);
        Assert.StartsWith("timeZone: unknown time zone 'Europe/Berlim'", problems[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Given_no_topics_when_validated_then_the_known_ones_are_offered()
    {
        Assert.False(SubscriptionInput.TryCreate("a@example.org", null, [" , "], "hourly", "UTC", Active, web: true, out _, out var problems));

        Assert.Equal(["topics: choose at least one of models, chips"], problems);
    }

    [Theory]
    [InlineData("0 * * * * ?", false)] // every minute
    [InlineData("0 0/30 * * * ?", false)] // every 30 minutes
    [InlineData("hourly", true)]
    [InlineData("immediate", true)]
    [InlineData("0 0 8,17 ? * MON-FRI", true)]
    public void Given_a_cron_schedule_from_the_web_when_it_fires_more_than_hourly_then_it_is_refused_but_an_administrator_may_set_it(string schedule, bool webAccepted)
    {
        Assert.Equal(webAccepted, SubscriptionInput.TryCreate("a@example.org", null, ["models"], schedule, "UTC", Active, web: true, out _, out _));
        Assert.True(SubscriptionInput.TryCreate("a@example.org", null, ["models"], schedule, "UTC", Active, web: false, out _, out var problems), string.Join("\n", problems));
    }

    internal static ActiveConfig Config(params (string Id, string Title)[] topics)
    {
        var definitions = topics.Select(t => new TopicDefinition(t.Id, t.Title, [t.Title], [])).ToList();
        return new ActiveConfig(new FeedsConfig([], definitions, []), TopicMatcher.Create(definitions, TimeSpan.FromSeconds(1)), "hash", 1);
    }
}
