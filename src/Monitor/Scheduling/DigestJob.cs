using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Digests;
using Monitor.Options;
using Monitor.Subscriptions;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Sends one subscriber's digest when it is due. A failed delivery is retried after <see cref="MonitorOptions.DigestRetryDelay"/>
/// (the stories stay pending meanwhile), rather than waiting for the next scheduled slot; a digest that another replica
/// is sending right now is looked at again shortly after.
/// </summary>
/// <remarks>
/// Not <c>[DisallowConcurrentExecution]</c>: one sender per subscriber is guaranteed by the database lease, which, unlike
/// Quartz's non-concurrent flag, does not keep a dead replica's job blocked while the cluster defers its recovery.
/// </remarks>
public sealed class DigestJob(DigestService digests, ISubscriberDirectory subscribers, IOptions<MonitorOptions> options, TimeProvider time, ILogger<DigestJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var email = context.MergedJobDataMap.GetString(JobKeys.EmailKey);
        // Read fresh: someone who unsubscribed a moment ago is not found, though this job was already scheduled.
        var subscriber = email is null ? null : await subscribers.FindAsync(email, cancellationToken);
        if (subscriber is null)
        {
            return;
        }

        var result = await digests.RunAsync(subscriber, force: false, cancellationToken);
        if (result.Status is DigestStatus.Failed or DigestStatus.Busy)
        {
            var delay = result.Status == DigestStatus.Busy ? TimeSpan.FromSeconds(Math.Min(30, options.Value.DigestRetryDelay.TotalSeconds)) : options.Value.DigestRetryDelay;
            var retryAt = time.GetUtcNow() + delay;
            var retry = TriggerBuilder.Create()
                .WithIdentity($"{subscriber.Email.ToLowerInvariant()}-retry", JobKeys.DigestGroup)
                .ForJob(context.JobDetail.Key)
                .StartAt(retryAt)
                .Build();
            await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions { Replace = true }, cancellationToken);
            logger.LogInformation("Digest for {Email} ({Status}) will be looked at again at {RetryAt:u}", subscriber.Email, result.Status, retryAt);
        }
    }
}
