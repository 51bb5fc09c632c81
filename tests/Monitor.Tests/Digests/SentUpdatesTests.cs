using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digests;

/// <summary>A story already sent is not sent again when another outlet rewrites it later under a new link.</summary>
[Trait("Category", "Integration")]
public sealed class SentUpdatesTests : IAsyncLifetime
{
    private ScenarioServers _servers = null!;

    public async Task InitializeAsync() => _servers = await ScenarioServers.StartAsync();

    public async Task DisposeAsync() => await _servers.DisposeAsync();

    [Fact]
    public async Task Given_a_sent_story_when_a_rewrite_arrives_later_then_only_genuinely_new_stories_are_mailed()
    {
        await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        var before = _servers.Smtp.Messages.Count;

        _servers.Scenario.Json.Add(new TestItem("json-3", "DeepSeek releases V4 with open weights", "https://other.example/deepseek-v4-weights", "<p>The Mixture-of-Experts model is out.</p>", _servers.Scenario.Now));
        _servers.Scenario.Json.Add(new TestItem("json-4", "DeepSeek opens a research lab in Hangzhou for robotics", "https://other.example/deepseek-lab", "<p>A new lab with 200 researchers.</p>", _servers.Scenario.Now));
        _servers.Scenario.Publish(_servers.Feeds);

        var run = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        Assert.True(run.Output.Contains($"Digest {Scenario.AnalystEmail}: sent 1 story", StringComparison.Ordinal), run.ToString());
        var latest = Assert.Single(_servers.Smtp.Messages.Skip(before));
        Assert.Equal(1, MessageAssert.StoryCount(latest, "DeepSeek opens a research lab in Hangzhou for robotics"));
        Assert.Equal(0, MessageAssert.StoryCount(latest, "DeepSeek releases V4 with open weights"));

        var again = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        Assert.Contains($"Digest {Scenario.AnalystEmail}: nothing new", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_sent_story_when_its_rewrite_arrives_among_more_new_stories_than_were_sent_then_only_the_rewrite_is_left_out()
    {
        // More pending stories than sent ones: the check indexes the sent ledger and looks the pending stories up in it
        // (with fewer pending than sent, the test above, it is the other way round).
        await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");
        var before = _servers.Smtp.Messages.Count;
        string[] fresh =
        [
            "DeepSeek opens a research lab in Hangzhou for robotics",
            "DeepSeek hires a chief scientist from a chip maker",
            "DeepSeek publishes a paper on sparse attention for long documents",
            "DeepSeek signs a cloud agreement with a European telecom operator",
            "DeepSeek app reaches fifty million monthly users in India",
            "DeepSeek sponsors a mathematics olympiad for school students",
            "DeepSeek explains its data centre cooling in a blog post",
        ];
        _servers.Scenario.Json.Add(new TestItem("json-3", "DeepSeek releases V4 with open weights", "https://other.example/deepseek-v4-weights", "<p>The Mixture-of-Experts model is out.</p>", _servers.Scenario.Now));
        for (var i = 0; i < fresh.Length; i++)
        {
            _servers.Scenario.Json.Add(new TestItem($"json-new-{i}", fresh[i], $"https://other.example/new-{i}", $"<p>{fresh[i]}.</p>", _servers.Scenario.Now));
        }

        _servers.Scenario.Publish(_servers.Feeds);

        var run = await _servers.Workspace.RunAsync(_servers.Smtp.Settings(), "run", "--once", "--send-now");

        var latest = _servers.Smtp.Messages.Skip(before).First(m => m.To.ToString().Contains(Scenario.AnalystEmail, StringComparison.OrdinalIgnoreCase));
        Assert.True(run.Output.Contains($"Digest {Scenario.AnalystEmail}: sent {fresh.Length} stories", StringComparison.Ordinal), run.ToString());
        Assert.All(fresh, title => Assert.Equal(1, MessageAssert.StoryCount(latest, title)));
        Assert.Equal(0, MessageAssert.StoryCount(latest, "DeepSeek releases V4 with open weights"));
    }
}
