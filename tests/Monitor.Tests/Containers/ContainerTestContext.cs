using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Containers;

/// <summary>One test's corner of the shared servers: its own feed folder on nginx and its own plus-addressed recipients.</summary>
public sealed class ContainerTestContext : IDisposable
{
    private readonly ContainerServers _servers;

    public ContainerTestContext(ContainerServers servers)
    {
        _servers = servers;
        Tag = Guid.NewGuid().ToString("N")[..10];
    }

    public string Tag { get; }

    public Workspace Workspace { get; } = new();

    public Scenario Scenario { get; } = new(TimeProvider.System.GetUtcNow());

    public string Analyst => $"analyst+{Tag}@test.local";

    public string Trader => $"trader+{Tag}@test.local";

    public Uri FeedUrl(string file) => _servers.Feeds.Url($"feeds/{Tag}/{file}");

    public async Task PublishAsync()
    {
        foreach (var (file, content) in Scenario.Documents())
        {
            await _servers.Feeds.PublishAsync($"{Tag}/{file}", content);
        }
    }

    public void WriteConfig(string extraFeeds = "") => Workspace.WriteConfig(Scenario.Config(FeedUrl, Analyst, Trader, extraFeeds));

    public void Dispose() => Workspace.Dispose();
}
