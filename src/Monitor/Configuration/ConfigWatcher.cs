using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Options;

namespace Monitor.Configuration;

/// <summary>
/// Polls feeds.json for changes (content hash) so that edits apply without a restart. Polling rather than
/// file-system events: it also works on bind mounts and Kubernetes ConfigMaps, whose updates swap symlinks.
/// </summary>
public sealed class ConfigWatcher(ConfigStore store, IOptions<MonitorOptions> options, TimeProvider time, ILogger<ConfigWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ConfigReloadInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                store.ReloadIfChanged();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Config reload failed; the last good config stays active");
            }
        }
    }
}
