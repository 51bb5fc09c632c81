using Monitor.Core.Scheduling;

namespace Monitor.Core.Tests.Scheduling;

[Trait("Category", "Unit")]
public sealed class DigestScheduleTests
{
    private const string Expected = "; expected immediate, hourly, daily HH:MM, weekly DAY HH:MM or a Quartz cron expression";

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("immediate")]
    [InlineData("  IMMEDIATE ")]
    [InlineData("Immediate")]
    public void Given_immediate_When_parsed_Then_it_is_immediate_without_cron_and_never_due(string text)
    {
        var schedule = Parse(text);

        Assert.True(schedule.IsImmediate);
        Assert.Null(schedule.CronExpression);
        Assert.Null(schedule.NextAfter(Utc(2026, 1, 1, 0, 0), Berlin));
    }

    [Theory]
    [InlineData("hourly", "0 0 * * * ?")]
    [InlineData(" HOURLY ", "0 0 * * * ?")]
    [InlineData("daily 08:00", "0 0 8 * * ?")]
    [InlineData("Daily 8:05", "0 5 8 * * ?")]
    [InlineData("daily 00:00", "0 0 0 * * ?")]
    [InlineData("daily 23:59", "0 59 23 * * ?")]
    [InlineData("weekly mon 08:00", "0 0 8 ? * MON")]
    [InlineData("WEEKLY Fri 17:30", "0 30 17 ? * FRI")]
    [InlineData("weekly sunday 07:00", "0 0 7 ? * SUN")]
    [InlineData("weekly Wednesday  12:15", "0 15 12 ? * WED")]
    [InlineData("0 30 6 ? * MON-FRI", "0 30 6 ? * MON-FRI")]
    [InlineData("  0 0 12 1 * ? 2030 ", "0 0 12 1 * ? 2030")]
    [InlineData("0 0 9 ? * mon", "0 0 9 ? * MON")]
    public void Given_an_accepted_form_When_parsed_Then_the_cron_expression_is_the_quartz_equivalent(string text, string cron)
    {
        var schedule = Parse(text);

        Assert.False(schedule.IsImmediate);
        Assert.Equal(cron, schedule.CronExpression);
        Assert.Equal(text.Trim(), schedule.Text);
        Assert.Equal(text.Trim(), schedule.ToString());
    }

    [Theory]
    [InlineData("daily 25:00", "hour must be 00-23")]
    [InlineData("daily 24:00", "hour must be 00-23")]
    [InlineData("daily 08:60", "minute must be 00-59")]
    [InlineData("daily 8am", "time must be HH:MM (24-hour), got '8am'")]
    [InlineData("daily 08:0", "time must be HH:MM (24-hour), got '08:0'")]
    [InlineData("daily", "'daily' needs exactly one time, e.g. 'daily 08:00'")]
    [InlineData("daily 08:00 18:00", "'daily' needs exactly one time, e.g. 'daily 08:00'")]
    [InlineData("weekly 08:00", "'weekly' needs a day and a time, e.g. 'weekly mon 08:00'")]
    [InlineData("weekly funday 08:00", "unknown day 'funday' (use mon, tue, wed, thu, fri, sat or sun)")]
    [InlineData("weekly mon 8", "time must be HH:MM (24-hour), got '8'")]
    [InlineData("hourly 15", "'hourly' takes no arguments (use a cron expression for other minutes, e.g. '0 15 * * * ?')")]
    [InlineData("immediate please", "'immediate' takes no arguments")]
    [InlineData("", "the schedule is empty")]
    [InlineData("0 0 0 31 2 ?", "the cron expression never fires")]
    public void Given_an_invalid_schedule_When_parsed_Then_the_error_is_one_line_with_reason_and_accepted_forms(string text, string reason)
    {
        var ok = DigestSchedule.TryParse(text, out var schedule, out var error);

        Assert.False(ok);
        Assert.Null(schedule);
        Assert.Equal($"invalid schedule '{text}': {reason}{Expected}", error);
    }

    [Fact]
    public void Given_daily_25_00_When_parsed_Then_the_error_matches_the_documented_example()
    {
        var ok = DigestSchedule.TryParse("daily 25:00", out _, out var error);

        Assert.False(ok);
        Assert.Equal(
            "invalid schedule 'daily 25:00': hour must be 00-23; expected immediate, hourly, daily HH:MM, weekly DAY HH:MM or a Quartz cron expression",
            error);
    }

    [Theory]
    [InlineData("0 0 25 * * ?", "Hour values must be between 0 and 23")]
    [InlineData("0 8 * * *", "5 fields")]
    [InlineData("0 0 8 ? * FOO", "Invalid Day-of-Week value: 'FOO'")]
    [InlineData("every morning", "every morning")]
    public void Given_an_invalid_cron_expression_When_parsed_Then_the_error_includes_quartz_reason(string text, string fragment)
    {
        var ok = DigestSchedule.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.NotNull(error);
        Assert.StartsWith($"invalid schedule '{text}': ", error, StringComparison.Ordinal);
        Assert.Contains(fragment, error, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(Expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("CronFormat", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_accepted_forms_constant_When_read_Then_it_lists_every_form()
    {
        Assert.Equal("immediate, hourly, daily HH:MM, weekly DAY HH:MM or a Quartz cron expression", DigestSchedule.AcceptedForms);
    }

    [Fact]
    public void Given_an_invalid_text_When_Parse_is_called_Then_it_throws_FormatException_with_the_same_message()
    {
        var ex = Assert.Throws<FormatException>(() => DigestSchedule.Parse("daily 25:00"));

        Assert.StartsWith("invalid schedule 'daily 25:00': hour must be 00-23", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_default_When_read_Then_it_is_daily_at_eight()
    {
        Assert.Equal("daily 08:00", DigestSchedule.Default.Text);
        Assert.Equal("0 0 8 * * ?", DigestSchedule.Default.CronExpression);
    }

    [Fact]
    public void Given_two_spellings_of_the_same_time_When_compared_Then_they_are_equal()
    {
        Assert.Equal(Parse("daily 08:00"), Parse("0 0 8 * * ?"));
        Assert.Equal(Parse("daily 08:00").GetHashCode(), Parse("0 0 8 * * ?").GetHashCode());
        Assert.Equal(DigestSchedule.Immediate, Parse("IMMEDIATE"));
        Assert.NotEqual(Parse("daily 08:00"), Parse("daily 09:00"));
        Assert.NotEqual(DigestSchedule.Immediate, Parse("hourly"));
    }

    [Fact]
    public void Given_daily_08_00_in_Berlin_When_clocks_spring_forward_Then_the_utc_instant_moves_from_07_to_06()
    {
        var schedule = Parse("daily 08:00");

        var saturday = schedule.NextAfter(Utc(2026, 3, 27, 12, 0), Berlin);
        var sunday = schedule.NextAfter(saturday!.Value, Berlin);
        var monday = schedule.NextAfter(sunday!.Value, Berlin);

        Assert.Equal(Utc(2026, 3, 28, 7, 0), saturday);
        Assert.Equal(Utc(2026, 3, 29, 6, 0), sunday);
        Assert.Equal(Utc(2026, 3, 30, 6, 0), monday);
        Assert.Equal(TimeSpan.FromHours(1), saturday.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(2), sunday.Value.Offset);
        Assert.Equal(new DateTime(2026, 3, 29, 8, 0, 0), sunday.Value.DateTime);
    }

    [Fact]
    public void Given_daily_08_00_in_Berlin_When_clocks_fall_back_Then_the_utc_instant_moves_from_06_to_07()
    {
        var schedule = Parse("daily 08:00");

        var saturday = schedule.NextAfter(Utc(2026, 10, 23, 12, 0), Berlin);
        var sunday = schedule.NextAfter(saturday!.Value, Berlin);

        Assert.Equal(Utc(2026, 10, 24, 6, 0), saturday);
        Assert.Equal(Utc(2026, 10, 25, 7, 0), sunday);
        Assert.Equal(new DateTime(2026, 10, 25, 8, 0, 0), sunday!.Value.DateTime);
    }

    [Fact]
    public void Given_a_time_inside_the_spring_forward_gap_When_next_is_computed_Then_quartz_fires_once_when_the_clocks_jump()
    {
        // 2026-03-29 Europe/Berlin: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist that day.
        // Quartz fires at the instant the clocks jumped to (03:00 CEST = 01:00Z), once, then back to 02:30.
        var schedule = Parse("daily 02:30");

        var gapDay = schedule.NextAfter(Utc(2026, 3, 28, 12, 0), Berlin);
        var nextDay = schedule.NextAfter(gapDay!.Value, Berlin);

        Assert.Equal(Utc(2026, 3, 29, 1, 0), gapDay);
        Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), gapDay.Value.DateTime);
        Assert.Equal(Utc(2026, 3, 30, 0, 30), nextDay);
    }

    [Fact]
    public void Given_a_time_repeated_by_the_fall_back_When_next_is_computed_Then_it_fires_once_at_the_first_occurrence()
    {
        // 2026-10-25 Europe/Berlin: 02:00-03:00 happens twice (CEST, then CET); Quartz fires at the first one only.
        var schedule = Parse("daily 02:30");

        var repeatedDay = schedule.NextAfter(Utc(2026, 10, 24, 12, 0), Berlin);
        var nextDay = schedule.NextAfter(repeatedDay!.Value, Berlin);

        Assert.Equal(Utc(2026, 10, 25, 0, 30), repeatedDay);
        Assert.Equal(Utc(2026, 10, 26, 1, 30), nextDay);
    }

    [Fact]
    public void Given_weekly_mon_09_00_in_New_York_When_us_dst_starts_Then_the_utc_hour_changes()
    {
        var schedule = Parse("weekly mon 09:00");

        var beforeDst = schedule.NextAfter(Utc(2026, 2, 26, 12, 0), NewYork); // Thursday
        var afterDst = schedule.NextAfter(beforeDst!.Value, NewYork);

        Assert.Equal(Utc(2026, 3, 2, 14, 0), beforeDst); // EST, UTC-5
        Assert.Equal(Utc(2026, 3, 9, 13, 0), afterDst); // EDT, UTC-4 (DST began 2026-03-08)
        Assert.Equal(DayOfWeek.Monday, afterDst!.Value.DayOfWeek);
        Assert.Equal(TimeSpan.FromHours(-4), afterDst.Value.Offset);
    }

    [Fact]
    public void Given_hourly_When_after_is_exactly_on_the_hour_Then_the_next_hour_is_returned()
    {
        var schedule = Parse("hourly");

        Assert.Equal(Utc(2026, 5, 4, 11, 0), schedule.NextAfter(Utc(2026, 5, 4, 10, 15), TimeZoneInfo.Utc));
        Assert.Equal(Utc(2026, 5, 4, 12, 0), schedule.NextAfter(Utc(2026, 5, 4, 11, 0), TimeZoneInfo.Utc));
        Assert.Equal(Utc(2026, 5, 4, 11, 0), schedule.NextAfter(Utc(2026, 5, 4, 10, 59).AddSeconds(59.5), TimeZoneInfo.Utc));
    }

    [Fact]
    public void Given_hourly_in_a_half_hour_zone_When_next_is_computed_Then_it_fires_on_the_local_hour()
    {
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var next = Parse("hourly").NextAfter(Utc(2026, 5, 4, 10, 0), kolkata);

        Assert.Equal(Utc(2026, 5, 4, 10, 30), next);
        Assert.Equal(new TimeSpan(5, 30, 0), next!.Value.Offset);
    }

    [Fact]
    public void Given_a_raw_cron_on_weekdays_When_after_friday_Then_the_next_is_monday()
    {
        var schedule = Parse("0 30 6 ? * MON-FRI");

        var next = schedule.NextAfter(Utc(2026, 3, 6, 7, 0), TimeZoneInfo.Utc); // Friday, after 06:30

        Assert.Equal(Utc(2026, 3, 9, 6, 30), next);
    }

    [Fact]
    public void Given_a_cron_whose_last_year_has_passed_When_next_is_computed_Then_it_is_null()
    {
        var schedule = Parse("0 0 8 * * ? 2027");

        Assert.Null(schedule.NextAfter(Utc(2028, 1, 1, 0, 0), TimeZoneInfo.Utc));
    }

    private static DigestSchedule Parse(string text)
    {
        Assert.True(DigestSchedule.TryParse(text, out var schedule, out var error), error);
        Assert.Null(error);
        return schedule!;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
