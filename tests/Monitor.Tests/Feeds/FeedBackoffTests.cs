using Monitor.Feeds;

namespace Monitor.Tests.Feeds;

[Trait("Category", "Unit")]
public sealed class FeedBackoffTests
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 120)]
    [InlineData(6, 360)]
    [InlineData(30, 360)]
    public void Given_consecutive_failures_when_delayed_then_the_interval_doubles_up_to_the_cap(int failures, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), FeedBackoff.Delay(failures, Quarter, null, jitter: 0.5));
    }

    [Fact]
    public void Given_jitter_when_delayed_then_the_delay_stays_within_20_percent()
    {
        Assert.Equal(TimeSpan.FromMinutes(12), FeedBackoff.Delay(1, Quarter, null, jitter: 0));
        Assert.Equal(TimeSpan.FromMinutes(18), FeedBackoff.Delay(1, Quarter, null, jitter: 1));
    }

    [Fact]
    public void Given_a_longer_retry_after_when_delayed_then_it_wins_up_to_a_day()
    {
        Assert.Equal(TimeSpan.FromHours(2), FeedBackoff.Delay(1, Quarter, TimeSpan.FromHours(2), jitter: 0.5));
        Assert.Equal(TimeSpan.FromHours(24), FeedBackoff.Delay(1, Quarter, TimeSpan.FromDays(30), jitter: 0.5));
        Assert.Equal(TimeSpan.FromMinutes(15), FeedBackoff.Delay(1, Quarter, TimeSpan.FromSeconds(5), jitter: 0.5));
    }
}
