namespace Monitor.Health;

public sealed record FailingFeed(string Id, int ConsecutiveFailures, string? LastError, DateTimeOffset? LastSuccess);
