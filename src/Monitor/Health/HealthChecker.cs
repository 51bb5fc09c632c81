using Monitor.Configuration;
using Monitor.Delivery;
using Monitor.Storage;
using Quartz;

namespace Monitor.Health;

/// <summary>
/// Healthy when the scheduler runs and the database answers. Failing feeds are reported but do not make the service
/// unhealthy: restarting it would not fix a publisher's outage.
/// </summary>
public sealed class HealthChecker(ISchedulerFactory schedulerFactory, IMonitorStore store, ConfigStore config, InstanceIdentity instance)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        var schedulerState = status.ToString().ToLowerInvariant();

        string database;
        string? databaseError = null;
        IReadOnlyList<FeedState> states = [];
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            states = await store.GetFeedStatesAsync(timeout.Token);
            database = "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            database = "unreachable";
            databaseError = ex.GetBaseException().Message;
        }

        var active = config.Current;
        var failing = states
            .Where(s => s.ConsecutiveFailures > 0 && active.FindFeed(s.FeedId) is not null)
            .Select(s => new FailingFeed(s.FeedId, s.ConsecutiveFailures, s.LastError, s.LastSuccessAt))
            .ToList();
        var healthy = schedulerState == "running" && database == "ok";
        return new HealthReport(healthy ? "healthy" : "unhealthy", schedulerState, database, databaseError, active.Feeds.Feeds.Count, failing, instance.Id);
    }
}
