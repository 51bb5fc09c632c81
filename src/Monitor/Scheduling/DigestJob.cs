using Monitor.Configuration;
using Monitor.Digests;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>Sends one subscriber's digest when it is due.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestService digests, ConfigStore config) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var email = context.MergedJobDataMap.GetString(JobKeys.EmailKey);
        var subscriber = email is null ? null : config.Current.FindSubscriber(email);
        if (subscriber is null)
        {
            return;
        }

        await digests.RunAsync(subscriber, force: false, cancellationToken);
    }
}
