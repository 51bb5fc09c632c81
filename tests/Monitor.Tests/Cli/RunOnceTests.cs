using System.Text.RegularExpressions;
using Monitor.Tests.Infrastructure;
using MimeKit;

namespace Monitor.Tests.Cli;

/// <summary><c>run --once</c> end to end: real HTTP feed server, real SMTP server, real SQLite in a temp data folder.</summary>
[Trait("Category", "Integration")]
public sealed class RunOnceTests : IAsyncLifetime
{
    private ScenarioServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ScenarioServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Given_three_feeds_when_run_once_send_now_then_each_subscriber_gets_one_digest_with_each_matching_story_once()
    {
        var run = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, _servers.Smtp.Messages.Count);
        var analyst = MessageAssert.SingleTo(_servers.Smtp.Messages, Scenario.AnalystEmail);
        foreach (var title in Scenario.AnalystStories)
        {
            Assert.True(MessageAssert.StoryCount(analyst, title) == 1, $"'{title}' once in:\n{analyst.TextBody}");
        }

        Assert.Equal(0, MessageAssert.StoryCount(analyst, "DeepSeek releases V4"));
        Assert.Contains("Wire, Lab", analyst.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("utm_source", analyst.HtmlBody, StringComparison.Ordinal);
        foreach (var title in Scenario.NobodyStories.Append("US tightens export rules on H100 and Blackwell chips"))
        {
            Assert.Equal(0, MessageAssert.StoryCount(analyst, title));
        }

        Assert.Equal("AI news: 4 stories — Modell-Veröffentlichungen · 模型发布 (4)", analyst.Subject);
        Assert.NotNull(analyst.HtmlBody);
        Assert.Contains("href=\"https://cn.example/1\"", analyst.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", analyst.Headers["Auto-Submitted"]);
        Assert.False(string.IsNullOrEmpty(analyst.MessageId));

        var trader = MessageAssert.SingleTo(_servers.Smtp.Messages, Scenario.TraderEmail);
        Assert.Equal(1, MessageAssert.StoryCount(trader, "US tightens export rules on H100 and Blackwell chips"));
        Assert.Equal(0, MessageAssert.StoryCount(trader, "Weekly notes"));
        Assert.Equal("AI news: 1 story — Export rules (1)", trader.Subject);
    }

    [Fact]
    public async Task Given_a_delivered_digest_when_the_next_cycle_runs_then_unchanged_feeds_answer_304_and_nothing_is_sent()
    {
        await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        var before304 = _servers.Feeds.CountStatus(304);

        var second = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(2, _servers.Smtp.Messages.Count);
        Assert.Equal(3, _servers.Feeds.CountStatus(304) - before304);
        Assert.Contains("0 new items", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_sent_story_when_the_feed_changes_every_guid_then_it_is_not_sent_again()
    {
        await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        for (var i = 0; i < _servers.Scenario.Wire.Count; i++)
        {
            _servers.Scenario.Wire[i] = _servers.Scenario.Wire[i] with { Id = "changed-" + _servers.Scenario.Wire[i].Id };
        }

        _servers.Scenario.Publish(_servers.Feeds);
        var run = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, _servers.Smtp.Messages.Count);
    }

    [Fact]
    public async Task Given_a_new_matching_story_after_a_digest_when_the_next_cycle_runs_then_only_that_story_is_sent()
    {
        await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        _servers.Scenario.Lab.Add(new TestItem("urn:lab:9", "Open weights for everyone: new DeepSeek checkpoint", "https://lab.example/checkpoint", "<p>Weights.</p>", _servers.Scenario.Now));
        _servers.Scenario.Publish(_servers.Feeds);

        await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.Equal(3, _servers.Smtp.Messages.Count);
        var latest = _servers.Smtp.Messages[^1];
        Assert.Equal(Scenario.AnalystEmail, latest.To.Mailboxes.Single().Address);
        Assert.Equal(1, MessageAssert.StoryCount(latest, "Open weights for everyone: new DeepSeek checkpoint"));
        Assert.Equal("AI news: 1 story — Modell-Veröffentlichungen · 模型发布 (1)", latest.Subject);
    }

    [Fact]
    public async Task Given_the_smtp_server_is_down_when_a_digest_is_due_then_nothing_is_marked_sent_and_the_next_cycle_delivers_everything_once()
    {
        await _servers.Smtp.StopAsync();

        var down = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains($"Digest {Scenario.AnalystEmail}: FAILED, 4 stories stay pending", down.Output, StringComparison.Ordinal);
        Assert.Empty(_servers.Smtp.Messages);

        await _servers.Smtp.StartAsync();
        var back = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        var again = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal(2, _servers.Smtp.Messages.Count);
        var analyst = MessageAssert.SingleTo(_servers.Smtp.Messages, Scenario.AnalystEmail);
        Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, MessageAssert.StoryCount(analyst, title)));
        Assert.Contains("nothing new", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_wrong_smtp_password_when_sending_then_the_error_is_reported_and_stories_stay_pending()
    {
        await _servers.Smtp.StopAsync();
        await using var secured = SmtpSink.Create("monitor", "right-password");
        await secured.StartAsync();

        var wrong = await _servers.Workspace.RunAsync(secured.Settings("monitor", "wrong-password"), "run", "--once", "--send-now");
        Assert.Contains("FAILED", wrong.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", wrong.Output + wrong.Error, StringComparison.Ordinal);
        Assert.Empty(secured.Messages);

        var right = await _servers.Workspace.RunAsync(secured.Settings("monitor", "right-password"), "run", "--once", "--send-now");
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Equal(2, secured.Messages.Count);
    }

    [Fact]
    public async Task Given_broken_feeds_when_polled_then_each_is_reported_with_its_reason_and_the_healthy_ones_still_flow()
    {
        _servers.Feeds.Fail("broken.xml", 500);
        _servers.Feeds.Fail("limited.xml", 429);
        _servers.Feeds.Serve("page.html", "<!DOCTYPE html><html><head><title>Blog</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/real-feed.xml\"></head><body>Hi</body></html>", "text/html");
        _servers.Feeds.Serve("garbage.xml", "<rss><channel><item><title>unterminated", "application/xml");
        _servers.Workspace.WriteConfig(Scenario.Config(_servers.Feeds, extraFeeds: $$"""
            { "id": "broken", "url": "{{_servers.Feeds.Url("broken.xml")}}" },
            { "id": "limited", "url": "{{_servers.Feeds.Url("limited.xml")}}" },
            { "id": "page", "url": "{{_servers.Feeds.Url("page.html")}}" },
            { "id": "garbage", "url": "{{_servers.Feeds.Url("garbage.xml")}}" },
            { "id": "missing", "url": "{{_servers.Feeds.Url("missing.xml")}}" },
            """));

        var run = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("broken: FAILED: HTTP 500", run.Output, StringComparison.Ordinal);
        Assert.Contains("limited: FAILED: HTTP 429", run.Output, StringComparison.Ordinal);
        Assert.Contains("page: FAILED: the URL serves an HTML page, not a feed", run.Output, StringComparison.Ordinal);
        Assert.Contains("garbage: FAILED:", run.Output, StringComparison.Ordinal);
        Assert.Contains("missing: FAILED: HTTP 404", run.Output, StringComparison.Ordinal);
        Assert.Contains("5 failed", run.Output, StringComparison.Ordinal);
        var analyst = MessageAssert.SingleTo(_servers.Smtp.Messages, Scenario.AnalystEmail);
        Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, MessageAssert.StoryCount(analyst, title)));
    }

    [Fact]
    public async Task Given_no_smtp_host_when_a_digest_is_sent_then_it_is_written_to_the_outbox_as_eml()
    {
        var run = await _servers.Workspace.RunAsync(null, "run", "--once", "--send-now");

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = Directory.GetFiles(_servers.Workspace.OutboxDir, "*.eml");
        Assert.Equal(2, files.Length);
        var messages = files.Select(f => MimeMessage.Load(f)).ToList();
        var analyst = MessageAssert.SingleTo(messages, Scenario.AnalystEmail);
        Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, MessageAssert.StoryCount(analyst, title)));
        Assert.Empty(_servers.Smtp.Messages);

        var again = await _servers.Workspace.RunAsync(null, "run", "--once", "--send-now");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(2, Directory.GetFiles(_servers.Workspace.OutboxDir, "*.eml").Length);
    }

    [Fact]
    public async Task Given_digests_not_due_when_run_once_without_send_now_then_only_immediate_subscribers_get_mail()
    {
        var run = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once");

        Assert.True(run.ExitCode == 0, run.ToString());
        var message = Assert.Single(_servers.Smtp.Messages);
        Assert.Equal(Scenario.TraderEmail, message.To.Mailboxes.Single().Address);
        Assert.Contains($"Digest {Scenario.AnalystEmail}: not due until", run.Output, StringComparison.Ordinal);

        // "daily 08:00" in Europe/Berlin: 08:00 there, shown with its offset, and 07:00 or 06:00 UTC, never 08:00 "UTC".
        Assert.Matches(
            $@"Digest {Regex.Escape(Scenario.AnalystEmail)}: not due until \d{{4}}-\d\d-\d\d 08:00 (\+01:00 \(07:00 UTC\)|\+02:00 \(06:00 UTC\))",
            run.Output);
    }
}
