using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Monitor.Subscriptions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Subscriptions;

/// <summary>
/// The subscription pages of the running service, through a real HTTP client: double opt-in, one-click unsubscribe,
/// the preferences page, rate limiting, and tokens that are forged, expired or for another purpose.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SubscriptionEndpointsTests
{
    private const string Reader = "reader@test.local";

    [Fact]
    public async Task Given_a_subscribe_request_when_the_link_in_the_confirmation_mail_is_confirmed_then_the_new_subscriber_gets_digests()
    {
        await using var service = await RunningService.StartAsync();

        using var subscribe = await RunningService.PostFormAsync(
            service.Http, "subscribe", ("email", "New.Reader@Test.Local"), ("name", "Zoë Ürün"), ("topics", "export-rules"), ("schedule", "immediate"), ("timeZone", "Europe/Berlin"));
        Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);

        var mail = (await service.WaitForMessagesAsync("new.reader@test.local", 1)).Single();
        Assert.Equal("Confirm your subscription to the AI news digest", mail.Subject);
        Assert.Equal("Zoë Ürün", mail.To.Mailboxes.Single().Name);
        Assert.Contains("Export rules", mail.TextBody, StringComparison.Ordinal);
        var confirm = RunningService.LinkIn(mail, "/subscribe/confirm");
        Assert.StartsWith(service.BaseUrl + "/subscribe/confirm?token=", confirm, StringComparison.Ordinal);
        Assert.Contains(confirm, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Pending, await service.StatusAsync("new.reader@test.local"));

        // Opening the link (or a mail scanner prefetching it) shows a button; it does not confirm.
        using var page = await service.Http.GetAsync(confirm);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"\">", html, StringComparison.Ordinal);
        Assert.Contains("Export rules", html, StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Pending, await service.StatusAsync("new.reader@test.local"));

        using var confirmed = await service.Http.PostAsync(confirm, null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are subscribed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Confirmed, await service.StatusAsync("new.reader@test.local"));

        // Immediate: what is pending in their topics comes at once, with the story the control subscriber got.
        var digest = (await service.WaitForMessagesAsync("new.reader@test.local", 2))[1];
        Assert.Equal(1, MessageAssert.StoryCount(digest, RunningService.ExportStory));
        Assert.StartsWith("AI news:", digest.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_forged_expired_or_wrong_purpose_tokens_when_used_then_each_is_refused_with_400_and_nothing_changes()
    {
        await using var service = await RunningService.StartAsync();
        using var subscribe = await RunningService.PostFormAsync(service.Http, "subscribe", ("email", Reader), ("topics", "export-rules"));
        Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        var confirm = RunningService.LinkIn((await service.WaitForMessagesAsync(Reader, 1)).Single(), "/subscribe/confirm");
        var token = Uri.UnescapeDataString(confirm[(confirm.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

        var longAgo = new FakeTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(49));
        var sameKey = new UnsubscribeTokens(RunningService.SigningKey, longAgo);
        var otherKey = new UnsubscribeTokens(RunningService.SigningKey + "-not-ours", TimeProvider.System);
        var bad = new Dictionary<string, string>
        {
            ["changed signature"] = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1],
            ["changed email"] = new UnsubscribeTokens(RunningService.SigningKey, TimeProvider.System).Create("mallory@test.local", SubscriptionLinks.ConfirmPurpose, TimeSpan.FromDays(1)).Split('.')[0] + "." + token.Split('.')[1],
            ["other key"] = otherKey.Create(Reader, SubscriptionLinks.ConfirmPurpose, TimeSpan.FromDays(1)),
            ["expired"] = sameKey.Create(Reader, SubscriptionLinks.ConfirmPurpose, SubscriptionLinks.ConfirmLifetime),
            ["unsubscribe purpose"] = new UnsubscribeTokens(RunningService.SigningKey, TimeProvider.System).Create(Reader, SubscriptionLinks.UnsubscribePurpose, TimeSpan.FromDays(1)),
            ["garbage"] = "not-a-token",
            ["empty"] = string.Empty,
        };

        foreach (var (what, forged) in bad)
        {
            using var response = await service.Http.PostAsync($"subscribe/confirm?token={Uri.EscapeDataString(forged)}", null);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
            Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The control subscriber (feeds.json) cannot be unsubscribed or edited with a bad token either.
        var expiredUnsubscribe = new UnsubscribeTokens(RunningService.SigningKey, new FakeTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromDays(400)))
            .Create(RunningService.Control, SubscriptionLinks.UnsubscribePurpose, TimeSpan.FromDays(365));
        using (var response = await RunningService.PostFormAsync(service.Http, $"unsubscribe?token={Uri.EscapeDataString(expiredUnsubscribe)}", ("List-Unsubscribe", "One-Click")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var forgedManage = otherKey.Create(RunningService.Control, SubscriptionLinks.ManagePurpose, TimeSpan.FromDays(1));
        using (var response = await RunningService.PostFormAsync(service.Http, $"manage?token={Uri.EscapeDataString(forgedManage)}", ("topics", "model-releases")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(SubscriptionStatus.Pending, await service.StatusAsync(Reader));
        Assert.Null(await service.StatusAsync(RunningService.Control));
        Assert.Null(await service.StatusAsync("mallory@test.local"));

        // The genuine link still works: the refusals were about the tokens.
        using var genuine = await service.Http.PostAsync(confirm, null);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(SubscriptionStatus.Confirmed, await service.StatusAsync(Reader));
    }

    [Fact]
    public async Task Given_a_subscriber_added_on_the_command_line_when_the_one_click_unsubscribe_of_their_digest_is_posted_then_no_more_digests_reach_them()
    {
        await using var service = await RunningService.StartAsync();

        // Added while the service runs (another host on the same database): the service notices and sends what is pending.
        var add = await service.Workspace.RunAsync(service.Settings, "subscribers", "add", Reader, "--topics", "export-rules", "--schedule", "immediate");
        Assert.True(add.ExitCode == 0, add.ToString());
        var digest = (await service.WaitForMessagesAsync(Reader, 1)).Single();
        Assert.Equal(1, MessageAssert.StoryCount(digest, RunningService.ExportStory));
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        var header = digest.Headers["List-Unsubscribe"]!;
        var unsubscribe = header[(header.IndexOf('<', StringComparison.Ordinal) + 1)..header.IndexOf('>', StringComparison.Ordinal)];
        Assert.StartsWith(service.BaseUrl + "/unsubscribe?token=", unsubscribe, StringComparison.Ordinal);

        // GET (what a link scanner does) only shows the confirm button.
        using (var page = await service.Http.GetAsync(unsubscribe))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", html, StringComparison.Ordinal);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        }

        Assert.Equal(SubscriptionStatus.Confirmed, await service.StatusAsync(Reader));

        // RFC 8058 one-click: what a mail provider posts.
        using (var oneClick = await RunningService.PostFormAsync(service.Http, unsubscribe, ("List-Unsubscribe", "One-Click")))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        }

        Assert.Equal(SubscriptionStatus.Unsubscribed, await service.StatusAsync(Reader));

        // A new matching story: the control subscriber gets it, the one who left does not.
        service.Feeds.Serve("extra.xml", FeedDocuments.Rss("Extra", [new TestItem("x-1", "Blackwell shipments resume", "https://extra.example/blackwell", "<p>Chips.</p>", TimeProvider.System.GetUtcNow())]));
        service.WriteConfig(extraFeeds: [("extra", "extra.xml")]);
        var control = (await service.WaitForMessagesAsync(RunningService.Control, 2))[1];
        Assert.Equal(1, MessageAssert.StoryCount(control, "Blackwell shipments resume"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(service.MessagesTo(Reader));

        var list = await service.Workspace.RunAsync(service.Settings, "subscribers", "list");
        Assert.Matches($@"{Reader}\s+store\s+unsubscribed \d{{4}}-\d\d-\d\d", list.Output);
    }

    [Fact]
    public async Task Given_a_feeds_json_subscriber_when_they_use_the_unsubscribe_link_then_their_digests_stop_too()
    {
        await using var service = await RunningService.StartAsync();
        var first = (await service.WaitForMessagesAsync(RunningService.Control, 1)).Single();
        var header = first.Headers["List-Unsubscribe"]!;
        var unsubscribe = header[(header.IndexOf('<', StringComparison.Ordinal) + 1)..header.IndexOf('>', StringComparison.Ordinal)];

        using (var oneClick = await RunningService.PostFormAsync(service.Http, unsubscribe, ("List-Unsubscribe", "One-Click")))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        }

        // Another immediate subscriber on the same topic shows when the next story has gone out.
        var add = await service.Workspace.RunAsync(service.Settings, "subscribers", "add", Reader, "--topics", "export-rules", "--schedule", "immediate");
        Assert.True(add.ExitCode == 0, add.ToString());
        await service.WaitForMessagesAsync(Reader, 1);
        service.Feeds.Serve("extra.xml", FeedDocuments.Rss("Extra", [new TestItem("x-1", "Blackwell shipments resume", "https://extra.example/blackwell", "<p>Chips.</p>", TimeProvider.System.GetUtcNow())]));
        service.WriteConfig(extraFeeds: [("extra", "extra.xml")]);
        await service.WaitForMessagesAsync(Reader, 2);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Single(service.MessagesTo(RunningService.Control));
        var list = await service.Workspace.RunAsync(service.Settings, "subscribers", "list");
        Assert.Matches($@"{RunningService.Control}\s+feeds\.json\s+opted out", list.Output);
        var remove = await service.Workspace.RunAsync(service.Settings, "subscribers", "remove", Reader);
        Assert.True(remove.ExitCode == 0, remove.ToString());
    }

    [Fact]
    public async Task Given_more_subscribe_requests_from_one_address_than_the_limit_when_posted_then_the_rest_get_429_and_no_mail()
    {
        await using var service = await RunningService.StartAsync(new Dictionary<string, string?> { ["Monitor:Subscriptions:SubscribeLimit"] = "3" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            using var response = await service.Http.PostAsJsonAsync("subscribe", new { email = $"r{i}@test.local", topics = new[] { "export-rules" }, schedule = "daily 07:30", timeZone = "Asia/Tokyo" });
            statuses.Add(response.StatusCode);
        }

        using var refused = await RunningService.PostFormAsync(service.Http, "subscribe", ("email", "r4@test.local"), ("topics", "export-rules"));
        using var refusedToo = await service.Http.PostAsJsonAsync("subscribe", new { email = "r5@test.local", topics = new[] { "export-rules" } });

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedToo.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
        for (var i = 1; i <= 3; i++)
        {
            await service.WaitForMessagesAsync($"r{i}@test.local", 1);
        }

        var stored = await service.Store.GetAsync("r2@test.local", CancellationToken.None);
        Assert.Equal(("daily 07:30", "Asia/Tokyo", SubscriptionStatus.Pending), (stored!.Schedule, stored.TimeZone, stored.Status));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(service.MessagesTo("r4@test.local"));
        Assert.Null(await service.StatusAsync("r4@test.local"));

        // Other pages are not limited.
        using var form = await service.Http.GetAsync("subscribe");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("<input type=\"checkbox\" name=\"topics\" value=\"model-releases\"> Model releases", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_an_existing_subscriber_when_someone_subscribes_them_then_the_answer_is_the_same_and_the_manage_link_they_get_changes_their_topics()
    {
        await using var service = await RunningService.StartAsync(before: async s =>
        {
            var add = await s.Workspace.RunAsync(s.Settings, "subscribers", "add", Reader, "--topics", "export-rules", "--schedule", "daily 08:00", "--name", "Reader");
            Assert.True(add.ExitCode == 0, add.ToString());
        });

        using var existing = await RunningService.PostFormAsync(service.Http, "subscribe", ("email", Reader), ("topics", "model-releases"));
        using var unknown = await RunningService.PostFormAsync(service.Http, "subscribe", ("email", "stranger@test.local"), ("topics", "model-releases"));
        Assert.Equal(HttpStatusCode.Accepted, existing.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(
            (await unknown.Content.ReadAsStringAsync()).Replace("stranger@test.local", "X", StringComparison.Ordinal),
            (await existing.Content.ReadAsStringAsync()).Replace(Reader, "X", StringComparison.Ordinal));

        var note = (await service.WaitForMessagesAsync(Reader, 1)).Single();
        Assert.Equal("You already get the AI news digest", note.Subject);
        var stored = await service.Store.GetAsync(Reader, CancellationToken.None);
        Assert.Equal((SubscriptionStatus.Confirmed, "daily 08:00"), (stored!.Status, stored.Schedule));
        Assert.Equal(["export-rules"], stored.Topics); // the request changed nothing

        var manage = RunningService.LinkIn(note, "/manage");
        using (var page = await service.Http.GetAsync(manage))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("value=\"export-rules\" checked", html, StringComparison.Ordinal);
            Assert.Contains("value=\"model-releases\">", html, StringComparison.Ordinal);
            Assert.Contains("value=\"daily 08:00\"", html, StringComparison.Ordinal);
        }

        using (var invalid = await RunningService.PostFormAsync(service.Http, manage, ("topics", "weather"), ("schedule", "0 * * * * ?"), ("timeZone", "UTC")))
        {
            var html = await invalid.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("topics: unknown topic &#x27;weather&#x27;", html, StringComparison.Ordinal);
            Assert.Contains("fires more often than once an hour", html, StringComparison.Ordinal);
        }

        Assert.Equal(["export-rules"], (await service.Store.GetAsync(Reader, CancellationToken.None))!.Topics);

        using (var saved = await RunningService.PostFormAsync(service.Http, manage, ("name", "<Reader>"), ("topics", "model-releases"), ("topics", "export-rules"), ("schedule", "weekly fri 17:00"), ("timeZone", "America/New_York")))
        {
            var html = await saved.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Contains("Saved.", html, StringComparison.Ordinal);
            Assert.Contains("value=\"&lt;Reader&gt;\"", html, StringComparison.Ordinal);
        }

        stored = await service.Store.GetAsync(Reader, CancellationToken.None);
        Assert.Equal(["model-releases", "export-rules"], stored!.Topics);
        Assert.Equal(("<Reader>", "weekly fri 17:00", "America/New_York"), (stored.Name, stored.Schedule, stored.TimeZone));

        // A feeds.json subscriber's page is read-only: changing it is refused.
        var links = new SubscriptionLinks(
            Microsoft.Extensions.Options.Options.Create(new Monitor.Options.MonitorOptions { PublicBaseUrl = service.BaseUrl, Subscriptions = new Monitor.Options.SubscriptionOptions { SigningKey = RunningService.SigningKey } }),
            TimeProvider.System);
        using var fileManaged = await RunningService.PostFormAsync(service.Http, links.ManageUrl(RunningService.Control), ("topics", "model-releases"));
        Assert.Equal(HttpStatusCode.Conflict, fileManaged.StatusCode);
        Assert.Contains("ask the administrator", await fileManaged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await service.StatusAsync(RunningService.Control));
    }

    [Fact]
    public async Task Given_invalid_subscribe_requests_when_posted_then_400_lists_every_problem_and_nothing_is_stored_or_mailed()
    {
        await using var service = await RunningService.StartAsync();

        using var json = await service.Http.PostAsJsonAsync("subscribe", new { email = "not an address", topics = new[] { "weather" }, timeZone = "Nowhere/Special" });
        var body = await json.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        using var form = await RunningService.PostFormAsync(service.Http, "subscribe", ("email", "<script>@x.y"), ("topics", ""));
        var html = await form.Content.ReadAsStringAsync();
        using var text = await service.Http.PostAsync("subscribe", new StringContent("email=a@b.c", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(3, body.GetProperty("errors").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;@x.y", html, StringComparison.Ordinal);
        Assert.Contains("topics: choose at least one of export-rules, model-releases", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Empty(await service.Store.ListAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Single(service.Smtp.Messages); // the control digest only
    }

    [Fact]
    public async Task Given_no_public_base_url_or_signing_key_when_the_pages_are_asked_then_they_answer_503_and_say_what_is_missing()
    {
        await using var service = await RunningService.StartAsync(configured: false);

        using var subscribe = await RunningService.PostFormAsync(service.Http, "subscribe", ("email", Reader), ("topics", "export-rules"));
        using var unsubscribe = await service.Http.PostAsync("unsubscribe?token=abc", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, subscribe.StatusCode);
        Assert.Contains("Monitor:PublicBaseUrl", await subscribe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unsubscribe.StatusCode);
        Assert.Empty(await service.Store.ListAsync(CancellationToken.None));
    }
}
