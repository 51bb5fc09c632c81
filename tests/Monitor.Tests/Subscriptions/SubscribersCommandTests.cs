using MimeKit;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Subscriptions;

/// <summary><c>subscribers list|add|remove</c> in process, and a stored subscriber getting digests from <c>run --once</c> (outbox).</summary>
[Trait("Category", "Integration")]
public sealed class SubscribersCommandTests : IAsyncLifetime
{
    private readonly Workspace _workspace = new();
    private FeedServer _feeds = null!;

    public async Task InitializeAsync()
    {
        _feeds = await FeedServer.StartAsync();
        new Scenario(TimeProvider.System.GetUtcNow()).Publish(_feeds);
        _workspace.WriteConfig(Scenario.Config(_feeds));
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _workspace.Dispose();
    }

    [Fact]
    public async Task Given_invalid_arguments_when_adding_then_every_problem_is_printed_and_exit_is_2()
    {
        var run = await _workspace.RunAsync(null, "subscribers", "add", "someone", "--topics", "export-rules,weather", "--schedule", "sometimes", "--time-zone", "Europe/Berlim");

        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("error: email: invalid email address 'someone'", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("error: topics: unknown topic 'weather' (known: model-releases, export-rules, open-weights)", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("error: schedule: invalid schedule 'sometimes'", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("error: timeZone: unknown time zone 'Europe/Berlim'", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_subscribers_added_and_removed_when_listed_then_both_sources_show_with_their_status_and_feeds_json_ones_cannot_be_changed_here()
    {
        var add = await _workspace.RunAsync(null, "subscribers", "add", "Stored@Test.Local", "--topics", "export-rules,open-weights", "--name", "Stored", "--schedule", "weekly fri 17:00", "--time-zone", "America/New_York");
        var again = await _workspace.RunAsync(null, "subscribers", "add", "stored@test.local", "--topics", "export-rules", "--schedule", "weekly fri 17:00", "--time-zone", "America/New_York");
        var other = await _workspace.RunAsync(null, "subscribers", "add", "leaving@test.local", "--topics", "open-weights");
        var fileAdd = await _workspace.RunAsync(null, "subscribers", "add", Scenario.AnalystEmail.ToUpperInvariant(), "--topics", "open-weights");
        var fileRemove = await _workspace.RunAsync(null, "subscribers", "remove", Scenario.TraderEmail);
        var remove = await _workspace.RunAsync(null, "subscribers", "remove", "LEAVING@test.local");
        var removeAgain = await _workspace.RunAsync(null, "subscribers", "remove", "leaving@test.local");
        var removeUnknown = await _workspace.RunAsync(null, "subscribers", "remove", "nobody@test.local");
        var list = await _workspace.RunAsync(null, "subscribers", "list");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal("stored@test.local: added, confirmed: topics export-rules, open-weights; weekly fri 17:00 (America/New_York)", add.Output.Trim());
        Assert.StartsWith("stored@test.local: updated", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, other.ExitCode);
        Assert.Equal(2, fileAdd.ExitCode);
        Assert.Equal($"error: {Scenario.AnalystEmail} is defined in feeds.json: edit the file", fileAdd.Error.Trim());
        Assert.Equal(2, fileRemove.ExitCode);
        Assert.Equal($"error: {Scenario.TraderEmail}: defined in feeds.json: edit the file", fileRemove.Error.Trim());
        Assert.Equal(("leaving@test.local: unsubscribed", 0), (remove.Output.Trim(), remove.ExitCode));
        Assert.Equal(("leaving@test.local: already unsubscribed", 0), (removeAgain.Output.Trim(), removeAgain.ExitCode));
        Assert.Equal(2, removeUnknown.ExitCode);

        Assert.True(list.ExitCode == 0, list.ToString());
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^EMAIL\s+SOURCE\s+STATUS\s+SCHEDULE\s+TIME ZONE\s+TOPICS$", lines[0]);
        Assert.Matches($@"^{Scenario.AnalystEmail}\s+feeds\.json\s+active\s+daily 08:00\s+Europe/Berlin\s+model-releases,open-weights$", lines[1]);
        Assert.Matches($@"^{Scenario.TraderEmail}\s+feeds\.json\s+active\s+immediate\s+UTC\s+export-rules$", lines[2]);
        Assert.Matches(@"^leaving@test\.local\s+store\s+unsubscribed \d{4}-\d\d-\d\d\s+daily 08:00\s+UTC\s+open-weights$", lines[3]);
        Assert.Matches(@"^stored@test\.local\s+store\s+confirmed \d{4}-\d\d-\d\d\s+weekly fri 17:00\s+America/New_York\s+export-rules$", lines[4]);
    }

    [Fact]
    public async Task Given_a_stored_subscriber_when_a_cycle_runs_then_they_get_their_digest_like_the_feeds_json_ones_and_a_removed_one_does_not()
    {
        Assert.Equal(0, (await _workspace.RunAsync(null, "subscribers", "add", "stored@test.local", "--topics", "export-rules", "--schedule", "immediate")).ExitCode);
        Assert.Equal(0, (await _workspace.RunAsync(null, "subscribers", "add", "removed@test.local", "--topics", "export-rules", "--schedule", "immediate")).ExitCode);
        Assert.Equal(0, (await _workspace.RunAsync(null, "subscribers", "remove", "removed@test.local")).ExitCode);

        var run = await _workspace.RunAsync(null, "run", "--once", "--send-now");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Digest stored@test.local: sent 1 story", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("removed@test.local", run.Output, StringComparison.Ordinal);
        var messages = Directory.GetFiles(_workspace.OutboxDir, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var stored = MessageAssert.SingleTo(messages, "stored@test.local");
        Assert.Equal(1, MessageAssert.StoryCount(stored, "US tightens export rules on H100 and Blackwell chips"));
        Assert.DoesNotContain(messages, m => m.To.Mailboxes.Any(a => a.Address == "removed@test.local"));
        MessageAssert.SingleTo(messages, Scenario.TraderEmail);
    }
}
