using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Digests;
using Monitor.Options;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Sends one subscriber's digest when it is due. A failed delivery is retried after <see cref="MonitorOptions.DigestRetryDelay"/>
/// (the stories stay pending meanwhile), rather than waiting for the next scheduled slot.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestService digests, ConfigStore config, IOptions<MonitorOptions> options, TimeProvider time, ILogger<DigestJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var email = context.MergedJobDataMap.GetString(JobKeys.EmailKey);
        var subscriber = email is null ? null : config.Current.FindSubscriber(email);
        if (subscriber is null)
        {
            return;
        }

        var result = await digests.RunAsync(subscriber, force: false, cancellationToken);
        if (result.Status == DigestStatus.Failed)
        {
            var retryAt = time.GetUtcNow() + options.Value.DigestRetryDelay;
            var retry = TriggerBuilder.Create()
                .WithIdentity($"{subscriber.Email.ToLowerInvariant()}-retry", JobKeys.DigestGroup)
                .ForJob(context.JobDetail.Key)
                .StartAt(retryAt)
                .Build();
            await context.Scheduler.UnscheduleJob(retry.Key, cancellationToken);
            await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), cancellationToken);
            logger.LogWarning("Digest for {Email} will be retried at {RetryAt:u}", subscriber.Email, retryAt);
        }
    }
}
