using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds;

/// <summary>The fetch loop under faults: back-off, Retry-After, permanent redirects, loops, 410 Gone, identity churn, the failing-feeds footer.</summary>
[Trait("Category", "Integration")]
public sealed class FetchLoopTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> NoRetries = new() { ["Monitor:Fetch:Retries"] = "0" };
    private ScenarioServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ScenarioServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Given_a_failing_feed_when_polled_again_at_once_then_it_is_skipped_while_backing_off_and_the_others_flow()
    {
        _servers.Feeds.Fail("wire.xml", 500);

        var first = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var second = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");

        Assert.Contains("wire: FAILED: HTTP 500", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"wire: skipped, backing off until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ after 1 failure\(s\): HTTP 500", second.Output);
        Assert.Equal(1, _servers.Feeds.CountRequests("wire.xml"));
        Assert.Contains("lab: not modified", second.Output, StringComparison.Ordinal);

        var feeds = await _servers.Workspace.RunAsync(null, "feeds");
        Assert.Contains("wire: FAILING (1 in a row)", feeds.Output, StringComparison.Ordinal);
        Assert.Contains("last error: HTTP 500 Internal Server Error", feeds.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_feeds_answering_not_modified_when_cycles_end_then_every_feed_records_it_and_keeps_asking_conditionally()
    {
        var first = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var second = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var third = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var feeds = await _servers.Workspace.RunAsync(null, "feeds");

        Assert.Contains("Polled 3 feeds: 3 updated", first.Output, StringComparison.Ordinal);
        Assert.Contains("Polled 3 feeds: 0 updated, 3 not modified, 0 failed", second.Output, StringComparison.Ordinal);
        Assert.Contains("Polled 3 feeds: 0 updated, 3 not modified, 0 failed", third.Output, StringComparison.Ordinal);
        Assert.All(["[1/3]", "[2/3]", "[3/3]"], line => Assert.Contains(line, third.Output, StringComparison.Ordinal));
        Assert.All(["wire", "lab", "cn"], feed => Assert.Contains($"{feed}: ok (304 Not Modified)", feeds.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_429_with_retry_after_when_polled_then_the_next_attempt_waits_at_least_that_long()
    {
        _servers.Feeds.Fail("wire.xml", 429);

        await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var feeds = await _servers.Workspace.RunAsync(null, "feeds");

        var line = feeds.Output.Split('\n').Single(l => l.Contains("next attempt:", StringComparison.Ordinal) && feeds.Output.IndexOf(l, StringComparison.Ordinal) > feeds.Output.IndexOf("wire:", StringComparison.Ordinal) && feeds.Output.IndexOf(l, StringComparison.Ordinal) < feeds.Output.IndexOf("lab:", StringComparison.Ordinal));
        var next = DateTimeOffset.Parse(line[(line.IndexOf("next attempt: ", StringComparison.Ordinal) + 14)..].Replace(" UTC", "Z", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(next >= TimeProvider.System.GetUtcNow().AddSeconds(110), $"next attempt {next:u} should honour Retry-After: 120 (the fixture's 429)\n{feeds.Output}");
        Assert.True(next <= TimeProvider.System.GetUtcNow().AddMinutes(20), feeds.Output);
    }

    [Fact]
    public async Task Given_a_permanent_redirect_when_polled_then_the_new_address_is_used_from_then_on()
    {
        _servers.Feeds.Serve("moved-wire.xml", FeedDocuments.Rss("Wire", _servers.Scenario.Wire));
        _servers.Feeds.Redirect("wire.xml", "/moved-wire.xml", 301);

        var first = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var second = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var feeds = await _servers.Workspace.RunAsync(null, "feeds");

        Assert.Contains("wire: 5 items, 5 new", first.Output, StringComparison.Ordinal);
        Assert.Contains("wire: not modified", second.Output, StringComparison.Ordinal);
        Assert.Equal(1, _servers.Feeds.CountRequests("wire.xml"));
        Assert.Equal(2, _servers.Feeds.CountRequests("moved-wire.xml"));
        Assert.Contains($"moved permanently to {_servers.Feeds.Url("moved-wire.xml")}", feeds.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_temporary_redirect_when_polled_then_the_original_address_is_kept()
    {
        _servers.Feeds.Serve("elsewhere.xml", FeedDocuments.Rss("Wire", _servers.Scenario.Wire));
        _servers.Feeds.Redirect("wire.xml", "/elsewhere.xml", 302);

        await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        await _servers.Workspace.RunAsync(NoRetries, "run", "--once");

        Assert.Equal(2, _servers.Feeds.CountRequests("wire.xml"));
    }

    [Fact]
    public async Task Given_an_html_page_that_names_its_feed_when_polled_then_the_feed_is_discovered_and_polled_from_then_on()
    {
        _servers.Feeds.Serve("blog.html", "<!DOCTYPE html><html><head><title>Wire blog</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/wire.xml\"></head><body>Posts</body></html>", "text/html");
        _servers.Workspace.WriteConfig(Scenario.Config(_servers.Feeds).Replace(_servers.Feeds.Url("wire.xml").ToString(), _servers.Feeds.Url("blog.html").ToString(), StringComparison.Ordinal));

        var first = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var second = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");

        Assert.Contains("wire: 5 items, 5 new, 3 new matching", first.Output, StringComparison.Ordinal);
        Assert.Contains("wire: not modified", second.Output, StringComparison.Ordinal);
        Assert.Equal(1, _servers.Feeds.CountRequests("blog.html"));
    }

    [Fact]
    public async Task Given_a_redirect_loop_when_polled_then_it_ends_with_a_readable_error()
    {
        _servers.Feeds.Redirect("wire.xml", "/loop-a.xml");
        _servers.Feeds.Redirect("loop-a.xml", "/loop-b.xml");
        _servers.Feeds.Redirect("loop-b.xml", "/loop-a.xml");

        var run = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");

        Assert.Contains("wire: FAILED: redirect loop:", run.Output, StringComparison.Ordinal);
        Assert.True(_servers.Feeds.CountRequests("loop-a.xml") <= 2);
    }

    [Fact]
    public async Task Given_410_gone_when_polled_then_the_feed_is_disabled_until_enabled_again()
    {
        _servers.Feeds.Fail("wire.xml", 410);

        await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var skipped = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");
        var feeds = await _servers.Workspace.RunAsync(null, "feeds");
        var enabled = await _servers.Workspace.RunAsync(null, "feeds", "enable", "wire");
        var again = await _servers.Workspace.RunAsync(NoRetries, "run", "--once");

        Assert.Contains("wire: skipped, disabled since", skipped.Output, StringComparison.Ordinal);
        Assert.Contains("wire: DISABLED: 410 Gone", feeds.Output, StringComparison.Ordinal);
        Assert.Equal(0, enabled.ExitCode);
        Assert.Contains("wire: FAILED: HTTP 410", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, _servers.Feeds.CountRequests("wire.xml"));
    }

    [Fact]
    public async Task Given_a_feed_that_changes_every_id_link_and_title_when_polled_then_the_old_stories_are_held_back_not_mailed()
    {
        // Six dated stories in one feed, mailed once.
        var now = _servers.Scenario.Now;
        var items = Enumerable.Range(0, 6).Select(i => new TestItem($"churn-{i}", $"DeepSeek churn story number {i}", $"https://churn.example/{i}", "<p>Body.</p>", now.AddHours(-10 - i))).ToList();
        _servers.Feeds.Serve("churn.xml", FeedDocuments.Rss("Churn", items));
        _servers.Workspace.WriteConfig(Scenario.Config(_servers.Feeds, extraFeeds: $$"""{ "id": "churn", "url": "{{_servers.Feeds.Url("churn.xml")}}" },"""));
        await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        var mailed = _servers.Smtp.Messages.Count;

        // The publisher migrates: new ids, new links, reworded titles, same dates; plus one genuinely new story.
        var migrated = items.Select((item, i) => item with { Id = $"new-{i}", Link = $"https://www.churn.example/posts/{i}", Title = $"DeepSeek churn story #{i} (archive)" }).ToList();
        migrated.Add(new TestItem("new-fresh", "DeepSeek fresh story after the migration", "https://www.churn.example/posts/fresh", "<p>New.</p>", now));
        _servers.Feeds.Serve("churn.xml", FeedDocuments.Rss("Churn", migrated));

        var run = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.Contains("churn: 7 items, 7 new, 1 new matching, 6 held back (identity churn)", run.Output, StringComparison.Ordinal);
        var latest = Assert.Single(_servers.Smtp.Messages.Skip(mailed));
        Assert.Equal(1, MessageAssert.StoryCount(latest, "DeepSeek fresh story after the migration"));
        Assert.DoesNotContain("(archive)", latest.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_failing_feed_when_a_digest_is_sent_then_its_footer_lists_the_feed_and_why()
    {
        _servers.Feeds.Fail("cn.json", 503);

        await _servers.Workspace.RunAsync(new Dictionary<string, string?>(_servers.Smtp.Settings()) { ["Monitor:Fetch:Retries"] = "0" }, "run", "--once", "--send-now");

        var analyst = MessageAssert.SingleTo(_servers.Smtp.Messages, Scenario.AnalystEmail);
        Assert.Contains("Feeds failing (1):", analyst.TextBody, StringComparison.Ordinal);
        Assert.True(analyst.TextBody?.Contains("CN: HTTP 503 Service Unavailable", StringComparison.Ordinal), analyst.TextBody);
        Assert.Contains("Feeds failing (1)", analyst.HtmlBody, StringComparison.Ordinal);
    }
}
