using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Digests;
using Monitor.Options;
using Monitor.Storage;
using Monitor.Subscriptions;

namespace Monitor.Feeds;

/// <summary>One whole cycle (<c>run --once</c>): poll every feed, then hand out the digests that are due.</summary>
public sealed class CycleRunner(FeedPoller poller, DigestService digests, ConfigStore config, ISubscriberDirectory subscribers, IMonitorStore store, IOptions<FetchOptions> fetchOptions)
{
    /// <summary>Polls every feed, a few at a time; the feeds' states are read in one query and "not modified" answers saved in one transaction.</summary>
    public async Task<IReadOnlyList<PollResult>> PollAllAsync(CancellationToken cancellationToken, IProgress<PollResult>? progress = null)
    {
        var feeds = config.Current.Feeds.Feeds;
        var results = new PollResult[feeds.Count];
        var batch = await PollBatch.ReadAsync(store, cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fetchOptions.Value.MaxConcurrency, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, feeds.Count), parallel, async (i, ct) =>
            {
                PollResult result;
                try
                {
                    result = await poller.PollAsync(feeds[i], batch, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    result = PollResult.Failed(feeds[i].Id, ex.Message);
                }

                results[i] = result;
                progress?.Report(result);
            });
        }
        catch (OperationCanceledException)
        {
            // Stopped midway: the answers already received are still kept.
            await batch.SaveAsync(CancellationToken.None);
            throw;
        }

        await batch.SaveAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// Digests composed and sent at once: one per core, at least two (composing is CPU work; sending waits on the mail
    /// server and the database, which the second one covers), at most four (more would open more SMTP connections at a
    /// time than a small mail server may accept from one client). Two per core held twice the composing state at once
    /// (15 MB more at 1,000 feeds x 50 items on two cores) for no time saved.
    /// </summary>
    public static int DigestConcurrency { get; } = Math.Clamp(Environment.ProcessorCount, 2, 4);

    /// <summary>Every subscriber's digest (due ones only, unless <paramref name="force"/>); results in subscriber order.</summary>
    public async Task<IReadOnlyList<DigestResult>> SendDigestsAsync(bool force, CancellationToken cancellationToken)
    {
        var all = await subscribers.GetSubscribersAsync(cancellationToken);
        var results = new DigestResult[all.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = DigestConcurrency, CancellationToken = cancellationToken };
        using var snapshot = digests.CreateSnapshot();
        await Parallel.ForEachAsync(Enumerable.Range(0, all.Count), parallel, async (i, ct) => results[i] = await digests.RunAsync(all[i], force, ct, snapshot));
        return results;
    }
}
