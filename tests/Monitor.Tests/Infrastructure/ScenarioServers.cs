namespace Monitor.Tests.Infrastructure;

/// <summary>The standard scenario served by a real feed server, a running SMTP sink, and a workspace configured for both.</summary>
public sealed class ScenarioServers : IAsyncDisposable
{
    private ScenarioServers(Workspace workspace, Scenario scenario, FeedServer feeds, SmtpSink smtp)
    {
        Workspace = workspace;
        Scenario = scenario;
        Feeds = feeds;
        Smtp = smtp;
    }

    public Workspace Workspace { get; }

    public Scenario Scenario { get; }

    public FeedServer Feeds { get; }

    public SmtpSink Smtp { get; }

    public static async Task<ScenarioServers> StartAsync()
    {
        var workspace = new Workspace();
        var scenario = new Scenario(TimeProvider.System.GetUtcNow());
        var feeds = await FeedServer.StartAsync();
        scenario.Publish(feeds);
        workspace.WriteConfig(Scenario.Config(feeds));
        var smtp = SmtpSink.Create();
        await smtp.StartAsync();
        return new ScenarioServers(workspace, scenario, feeds, smtp);
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Feeds.DisposeAsync();
        Workspace.Dispose();
    }
}
