using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Digests;
using Monitor.Options;
using Monitor.Subscriptions;

namespace Monitor.Feeds;

/// <summary>One whole cycle (<c>run --once</c>): poll every feed, then hand out the digests that are due.</summary>
public sealed class CycleRunner(FeedPoller poller, DigestService digests, ConfigStore config, ISubscriberDirectory subscribers, IOptions<FetchOptions> fetchOptions)
{
    public async Task<IReadOnlyList<PollResult>> PollAllAsync(CancellationToken cancellationToken, IProgress<PollResult>? progress = null)
    {
        var feeds = config.Current.Feeds.Feeds;
        var results = new PollResult[feeds.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = fetchOptions.Value.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, feeds.Count), parallel, async (i, ct) =>
        {
            PollResult result;
            try
            {
                result = await poller.PollAsync(feeds[i], ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = PollResult.Failed(feeds[i].Id, ex.Message);
            }

            results[i] = result;
            progress?.Report(result);
        });
        return results;
    }

    public async Task<IReadOnlyList<DigestResult>> SendDigestsAsync(bool force, CancellationToken cancellationToken)
    {
        var results = new List<DigestResult>();
        foreach (var subscriber in await subscribers.GetSubscribersAsync(cancellationToken))
        {
            results.Add(await digests.RunAsync(subscriber, force, cancellationToken));
        }

        return results;
    }
}
