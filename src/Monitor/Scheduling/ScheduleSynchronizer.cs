using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Microsoft.Extensions.Options;
using Monitor.Options;
using Monitor.Storage;
using Monitor.Subscriptions;
using Quartz;

namespace Monitor.Scheduling;

/// <summary>
/// Keeps Quartz's jobs in line with feeds.json: one poll job per feed at its interval, one digest job per subscriber (of
/// feeds.json and the confirmed stored subscriptions, see <see cref="ISubscriberDirectory"/>) on its cron schedule in its
/// time zone. Runs at start, after every accepted config change and whenever the subscriptions change. At start, polls
/// and digests that fell due while the service was down run once (no catch-up storm); a subscriber added later is
/// looked at once when added (an immediate one gets what is pending, a scheduled one starts its schedule).
/// </summary>
public sealed class ScheduleSynchronizer(
    ISchedulerFactory schedulerFactory,
    IOptions<MonitorOptions> options,
    ConfigStore config,
    ISubscriberDirectory subscribers,
    IMonitorStore store,
    TimeProvider time,
    ILogger<ScheduleSynchronizer> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        config.Changed += OnConfigChanged;
        subscribers.Changed += OnSubscribersChanged;
        await SyncAsync(config.Current, startup: true, cancellationToken);
    }

    public void Dispose() => _gate.Dispose();

    public Task StopAsync(CancellationToken cancellationToken)
    {
        config.Changed -= OnConfigChanged;
        subscribers.Changed -= OnSubscribersChanged;
        return Task.CompletedTask;
    }

    public async Task SyncAsync(ActiveConfig active, bool startup, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
            await SyncPollsAsync(scheduler, active, cancellationToken);
            await SyncDigestsAsync(scheduler, startup, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async void OnConfigChanged(object? sender, ActiveConfig active)
    {
        try
        {
            await SyncAsync(active, startup: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rescheduling after a config change failed");
        }
    }

    private async void OnSubscribersChanged(object? sender, EventArgs e)
    {
        try
        {
            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                await SyncDigestsAsync(await schedulerFactory.GetScheduler(CancellationToken.None), startup: false, CancellationToken.None);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rescheduling after a subscription change failed");
        }
    }

    private async Task SyncPollsAsync(IScheduler scheduler, ActiveConfig active, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wanted = active.Feeds.Feeds.ToDictionary(f => JobKeys.Poll(f.Id));
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobKeys.PollGroup), cancellationToken))
        {
            if (!wanted.ContainsKey(key))
            {
                await scheduler.DeleteJob(key, cancellationToken);
                logger.LogInformation("Feed {Feed} removed: no longer polled", key.Name);
            }
        }

        foreach (var (key, feed) in wanted)
        {
            var signature = $"{feed.Url.AbsoluteUri}|{feed.PollEvery}";
            var existing = await scheduler.GetJobDetail(key, cancellationToken);
            if (existing is not null && existing.JobDataMap.GetString("signature") == signature)
            {
                continue;
            }

            var state = await store.GetFeedStateAsync(feed.Id, cancellationToken);
            var startAt = existing is null && state?.LastAttemptAt is { } last && last + feed.PollEvery > now ? last + feed.PollEvery : now;
            var job = JobBuilder.Create<PollFeedJob>()
                .WithIdentity(key)
                .UsingJobData(JobKeys.FeedIdKey, feed.Id)
                .UsingJobData("signature", signature)
                .StoreDurably()
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(key.Name, JobKeys.PollGroup)
                .ForJob(key)
                .StartAt(startAt)
                .WithSimpleSchedule(s => s.WithInterval(feed.PollEvery).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
            logger.LogInformation("Feed {Feed} scheduled every {Interval}, next poll {Next:u}", feed.Id, feed.PollEvery, startAt);
        }
    }

    private async Task SyncDigestsAsync(IScheduler scheduler, bool startup, CancellationToken cancellationToken)
    {
        var wanted = (await subscribers.GetSubscribersAsync(cancellationToken)).ToDictionary(s => JobKeys.Digest(s.Email));
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobKeys.DigestGroup), cancellationToken))
        {
            if (!wanted.ContainsKey(key))
            {
                await scheduler.DeleteJob(key, cancellationToken);
                logger.LogInformation("Subscriber {Email} removed: no more digests", key.Name);
            }
        }

        foreach (var (key, subscriber) in wanted)
        {
            var signature = $"{subscriber.Schedule.Text}|{subscriber.TimeZone.Id}";
            var existing = await scheduler.GetJobDetail(key, cancellationToken);
            if (existing is null || existing.JobDataMap.GetString("signature") != signature)
            {
                var job = JobBuilder.Create<DigestJob>()
                    .WithIdentity(key)
                    .UsingJobData(JobKeys.EmailKey, subscriber.Email)
                    .UsingJobData("signature", signature)
                    .StoreDurably()
                    .RequestRecovery()
                    .Build();
                var triggers = new List<ITrigger>();
                // Immediate subscribers are woken by polls that find something; a slow cron flushes what a failed send left pending.
                var cron = subscriber.Schedule.CronExpression ?? options.Value.ImmediateFlushCron;
                {
                    triggers.Add(TriggerBuilder.Create()
                        .WithIdentity(key.Name, JobKeys.DigestGroup)
                        .ForJob(key)
                        .WithCronSchedule(cron, c => c.InTimeZone(subscriber.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
                        .Build());
                }

                await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions { Replace = true }, cancellationToken);
                logger.LogInformation("Digest for {Email} scheduled: {Schedule} ({Zone})", subscriber.Email, subscriber.Schedule.Text, subscriber.TimeZone.Id);
            }

            if (startup ? !subscriber.Schedule.IsImmediate : existing is null)
            {
                // The job itself checks whether a digest fell due while the service was down; if so it sends one. A subscriber
                // added while running is looked at once now: immediate ones get what is pending, others start their schedule.
                await scheduler.TriggerJob(key, new JobDataMap(), cancellationToken);
            }
        }
    }
}
