using Monitor.Configuration;
using Monitor.Feeds;
using Monitor.Subscriptions;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>Polls one feed; then wakes the digests of <c>immediate</c> subscribers whose topics got new stories.</summary>
/// <remarks>
/// Not <c>[DisallowConcurrentExecution]</c>: in a cluster each trigger fires on one replica anyway, and storing is
/// idempotent (unique keys), so a rare overlap costs one extra request, while the flag would keep a dead replica's feed
/// blocked until the cluster's deferred recovery released it.
/// </remarks>
public sealed class PollFeedJob(FeedPoller poller, ConfigStore config, ISubscriberDirectory subscribers) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var feedId = context.MergedJobDataMap.GetString(JobKeys.FeedIdKey);
        var active = config.Current;
        var feed = feedId is null ? null : active.FindFeed(feedId);
        if (feed is null)
        {
            return;
        }

        var result = await poller.PollAsync(feed, cancellationToken);
        if (result.MatchedTopics.Count == 0)
        {
            return;
        }

        var everyone = await subscribers.GetSubscribersAsync(cancellationToken);
        foreach (var subscriber in everyone.Where(s => s.Schedule.IsImmediate && s.Topics.Any(result.MatchedTopics.Contains)))
        {
            await context.Scheduler.TriggerJob(JobKeys.Digest(subscriber.Email), new JobDataMap(), cancellationToken);
        }
    }
}
