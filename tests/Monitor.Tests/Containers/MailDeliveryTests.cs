using Monitor.Tests.Infrastructure;
using MimeKit;

namespace Monitor.Tests.Containers;

/// <summary>
/// Monitor's real delivery path against a real MTA: feeds on nginx -> <c>run --once --send-now</c> -> Postfix
/// (submission, STARTTLS, SMTP AUTH) -> Dovecot, read back over IMAP.
/// </summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Containers")]
public sealed class MailDeliveryTests(ContainerServers servers) : IAsyncLifetime
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(30);
    private readonly ContainerTestContext _test = new(servers);

    public async Task InitializeAsync()
    {
        await _test.PublishAsync();
        _test.WriteConfig();
    }

    public Task DisposeAsync()
    {
        _test.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Given_feeds_on_nginx_when_run_once_send_now_then_each_subscriber_reads_exactly_one_digest_over_imap()
    {
        var run = await _test.Workspace.RunAsync(servers.Mail.Settings(), "run", "--once", "--send-now");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("sent 4 stories (SMTP", run.Output, StringComparison.Ordinal);
        var analystBox = await servers.Mail.FetchAsync(_test.Analyst, Delivery, expected: 1);
        var analyst = Assert.Single(analystBox);
        Assert.Equal("AI news: 4 stories — Modell-Veröffentlichungen · 模型发布 (4)", analyst.Subject);
        foreach (var title in Scenario.AnalystStories)
        {
            Assert.True(MessageAssert.StoryCount(analyst, title) == 1, $"'{title}' once in:\n{analyst.TextBody}");
            Assert.Contains(System.Net.WebUtility.HtmlEncode(title), analyst.HtmlBody, StringComparison.Ordinal);
        }

        foreach (var title in Scenario.NobodyStories)
        {
            Assert.Equal(0, MessageAssert.StoryCount(analyst, title));
        }

        // Both MIME parts, UTF-8 intact (Chinese and German), links, headers.
        var alternative = Assert.IsType<MultipartAlternative>(analyst.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType).ToArray());
        Assert.Contains("深度求索发布新模型", analyst.TextBody, StringComparison.Ordinal);
        Assert.Contains("Größer, schneller: DeepSeek-Modell für Übersetzungen", analyst.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.example/deepseek-v4\"", analyst.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://cn.example/1\"", analyst.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("auto-generated", analyst.Headers["Auto-Submitted"]);
        Assert.False(string.IsNullOrEmpty(analyst.MessageId));
        Assert.Equal("monitor@test.local", analyst.From.Mailboxes.Single().Address);

        var trader = Assert.Single(await servers.Mail.FetchAsync(_test.Trader, Delivery, expected: 1));
        Assert.Equal(1, MessageAssert.StoryCount(trader, "US tightens export rules on H100 and Blackwell chips"));

        // A second cycle delivers nothing more.
        var again = await _test.Workspace.RunAsync(servers.Mail.Settings(), "run", "--once", "--send-now");
        Assert.Contains("nothing new", again.Output, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await servers.Mail.FetchAsync(_test.Analyst));
    }

    [Fact]
    public async Task Given_a_wrong_smtp_password_when_sending_then_a_clear_error_nothing_is_marked_sent_and_the_fixed_password_delivers_once()
    {
        var wrong = await _test.Workspace.RunAsync(servers.Mail.Settings(password: "wrong"), "run", "--once", "--send-now");

        Assert.True(wrong.ExitCode == 0, wrong.ToString());
        Assert.Contains($"Digest {_test.Analyst}: FAILED, 4 stories stay pending:", wrong.Output, StringComparison.Ordinal);
        Assert.Contains("Authentication", wrong.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("wrong", wrong.Output.Replace("FAILED", string.Empty, StringComparison.Ordinal).Split("stay pending:")[1].Split('\n')[0], StringComparison.Ordinal);

        await DeliveredOnceAfterRecoveryAsync();
    }

    [Fact]
    public async Task Given_tls_required_but_refused_by_the_server_when_sending_then_a_clear_error_and_nothing_is_marked_sent()
    {
        var refused = await _test.Workspace.RunAsync(servers.Mail.Settings(security: "StartTls", port: MailServer.PlainPort), "run", "--once", "--send-now");

        Assert.True(refused.ExitCode == 0, refused.ToString());
        Assert.Contains($"Digest {_test.Analyst}: FAILED, 4 stories stay pending:", refused.Output, StringComparison.Ordinal);
        Assert.Contains("STARTTLS", refused.Output, StringComparison.Ordinal);

        await DeliveredOnceAfterRecoveryAsync();
    }

    [Fact]
    public async Task Given_the_smtp_server_down_when_sending_then_nothing_is_marked_sent_and_the_next_cycle_delivers_everything_once()
    {
        await servers.Mail.StopSmtpAsync();
        CliRun down;
        try
        {
            down = await _test.Workspace.RunAsync(servers.Mail.Settings(), "run", "--once", "--send-now");
        }
        finally
        {
            await servers.Mail.StartSmtpAsync();
        }

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Contains($"Digest {_test.Analyst}: FAILED, 4 stories stay pending:", down.Output, StringComparison.Ordinal);

        await DeliveredOnceAfterRecoveryAsync();
    }

    private async Task DeliveredOnceAfterRecoveryAsync()
    {
        Assert.Empty(await servers.Mail.FetchAsync(_test.Analyst));

        var ok = await _test.Workspace.RunAsync(servers.Mail.Settings(), "run", "--once", "--send-now");
        var after = await _test.Workspace.RunAsync(servers.Mail.Settings(), "run", "--once", "--send-now");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains($"Digest {_test.Analyst}: sent 4 stories", ok.Output, StringComparison.Ordinal);
        Assert.Contains($"Digest {_test.Analyst}: nothing new", after.Output, StringComparison.Ordinal);
        var analyst = Assert.Single(await servers.Mail.FetchAsync(_test.Analyst, Delivery, expected: 1));
        Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, MessageAssert.StoryCount(analyst, title)));
        Assert.Single(await servers.Mail.FetchAsync(_test.Trader, Delivery, expected: 1));
    }
}
