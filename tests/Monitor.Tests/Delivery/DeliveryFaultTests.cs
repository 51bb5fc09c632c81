using System.Globalization;
using Monitor.Tests.Infrastructure;
using MimeKit;

namespace Monitor.Tests.Delivery;

/// <summary>Delivery and state under faults: a refused recipient, a process killed at any point of a cycle.</summary>
[Trait("Category", "Integration")]
public sealed class DeliveryFaultTests : IAsyncLifetime
{
    private ScenarioServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ScenarioServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Given_a_recipient_the_server_refuses_when_digests_go_out_then_the_others_still_get_theirs_and_the_refused_stories_stay_pending()
    {
        _servers.Smtp.RejectedRecipients.Add(Scenario.TraderEmail);

        var refused = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(refused.Output.Contains($"Digest {Scenario.TraderEmail}: FAILED, 1 story stay pending:", StringComparison.Ordinal), refused.ToString());
        Assert.Contains($"Digest {Scenario.AnalystEmail}: sent 4 stories", refused.Output, StringComparison.Ordinal);
        Assert.Single(_servers.Smtp.Messages);

        _servers.Smtp.RejectedRecipients.Clear();
        var later = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.Contains($"Digest {Scenario.TraderEmail}: sent 1 story", later.Output, StringComparison.Ordinal);
        Assert.Contains($"Digest {Scenario.AnalystEmail}: nothing new", later.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(400)]
    [InlineData(700)]
    [InlineData(1000)]
    [InlineData(1400)]
    public async Task Given_a_cycle_killed_with_sigkill_at_some_point_when_monitor_runs_again_then_no_story_is_lost_and_none_is_in_two_digests(int killAfterMs)
    {
        // A slow SMTP server keeps each send in flight for a while, so the kill lands before, during or after one.
        _servers.Smtp.AcceptDelay = TimeSpan.FromMilliseconds(300);
        var environment = _servers.Smtp.Settings().ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);
        using (var doomed = MonitorProcess.Start(["run", "--once", "--send-now", "--config", _servers.Workspace.ConfigPath, "--data", _servers.Workspace.DataDir], environment))
        {
            await Task.Delay(killAfterMs);
            await doomed.SignalAsync("KILL");
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        _servers.Smtp.AcceptDelay = TimeSpan.Zero;
        var rerun = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        var final = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("nothing new", final.Output, StringComparison.Ordinal);
        AssertEachStoryOnce(Scenario.AnalystEmail, Scenario.AnalystStories, killAfterMs);
        AssertEachStoryOnce(Scenario.TraderEmail, ["US tightens export rules on H100 and Blackwell chips"], killAfterMs);
    }

    private void AssertEachStoryOnce(string email, IReadOnlyList<string> titles, int killAfterMs)
    {
        // A message resent after a crash keeps its Message-ID; mail clients show it once, so count distinct ones.
        var messages = _servers.Smtp.Messages
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(m => m.MessageId)
            .Select(g => g.First())
            .ToList();
        foreach (var title in titles)
        {
            var count = messages.Sum(m => MessageAssert.StoryCount(m, title));
            Assert.True(count == 1, string.Create(CultureInfo.InvariantCulture, $"killed after {killAfterMs} ms: '{title}' reached {email} {count} times in {messages.Count} distinct digests"));
        }
    }
}
