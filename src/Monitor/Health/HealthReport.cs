namespace Monitor.Health;

/// <summary>What the health endpoint and <c>monitor health</c> report.</summary>
public sealed record HealthReport(
    string Status,
    string Scheduler,
    string Database,
    string? DatabaseError,
    int Feeds,
    IReadOnlyList<FailingFeed> FailingFeeds,
    string Instance)
{
    public bool IsHealthy => Status == "healthy";
}
