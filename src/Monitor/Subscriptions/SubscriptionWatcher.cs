using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Options;

namespace Monitor.Subscriptions;

/// <summary>
/// Notices subscription changes made by other processes sharing the database (other replicas, <c>subscribers add</c> on
/// the command line): every <c>Monitor:ConfigReloadInterval</c> it compares <see cref="ISubscriptionStore.GetVersionAsync"/>
/// with the last value and raises <see cref="ISubscriberDirectory.Changed"/> when it moved. Changes made in this process
/// raise it at once anyway.
/// </summary>
public sealed class SubscriptionWatcher(ISubscriptionStore store, ISubscriberDirectory directory, IOptions<MonitorOptions> options, TimeProvider time, ILogger<SubscriptionWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? last = null;
        using var timer = new PeriodicTimer(options.Value.ConfigReloadInterval, time);
        do
        {
            try
            {
                var version = await store.GetVersionAsync(stoppingToken);
                if (last is not null && version != last)
                {
                    directory.NotifyChanged();
                }

                last = version;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Checking the subscriptions for changes failed: {Error}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
