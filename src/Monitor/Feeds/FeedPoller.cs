using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;
using Monitor.Options;
using Monitor.Storage;

namespace Monitor.Feeds;

/// <summary>
/// One poll of one feed: fetch (conditional) -> parse and normalize -> match on plain text -> store, keeping only new
/// items. A failure is recorded in the feed's state and never touches what was already seen.
/// </summary>
public sealed class FeedPoller(FeedFetcher fetcher, IMonitorStore store, ConfigStore config, IOptionsMonitor<FetchOptions> fetchOptions, TimeProvider time, ILogger<FeedPoller> logger)
{
    public async Task<PollResult> PollAsync(FeedDefinition feed, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var url = feed.Url.AbsoluteUri;
        var state = await store.GetFeedStateAsync(feed.Id, cancellationToken) ?? FeedState.New(feed.Id, url);
        if (state.Url != url)
        {
            state = state with { Url = url, ETag = null, LastModified = null };
        }

        var fetched = await fetcher.FetchAsync(feed.Url, state.ETag, state.LastModified, cancellationToken);
        state = state with { LastAttemptAt = started };
        switch (fetched.Outcome)
        {
            case FetchOutcome.Failed:
                return await FailAsync(feed, state, fetched.Error ?? "unknown error", fetched.StatusCode, cancellationToken);

            case FetchOutcome.NotModified:
                await store.SaveFeedStateAsync(Succeeded(state, fetched, "304 Not Modified", state.Title), cancellationToken);
                logger.LogDebug("Feed {Feed}: not modified", feed.Id);
                return new PollResult(feed.Id, PollStatus.NotModified, 0, [], 0, [], null);
        }

        ParsedFeed parsed;
        try
        {
            parsed = FeedParser.Parse(fetched.Body, fetched.FinalUrl, feed.Id, fetched.ContentType, fetchOptions.CurrentValue.MaxItemsPerFeed);
        }
        catch (FeedParseException ex)
        {
            return await FailAsync(feed, state, ex.Message, fetched.StatusCode, cancellationToken);
        }

        var active = config.Current;
        var matched = new List<MatchedItem>(parsed.Items.Count);
        foreach (var item in parsed.Items)
        {
            var matches = active.Matcher.Match(new MatchInput(item.Title, item.Summary, item.Categories));
            matched.Add(new MatchedItem(item, matches));
        }

        var added = await store.AddItemsAsync(matched, time.GetUtcNow(), cancellationToken);
        var addedKeys = added.Select(i => i.ItemKey).ToHashSet(StringComparer.Ordinal);
        var newMatches = matched.Where(m => addedKeys.Contains(m.Item.ItemKey) && m.Matches.Count > 0).ToList();
        var topics = newMatches.SelectMany(m => m.Matches.Select(x => x.TopicId)).ToHashSet(StringComparer.Ordinal);
        var status = fetched.StatusCode is { } code ? $"{code} OK" : "read";
        await store.SaveFeedStateAsync(Succeeded(state, fetched, status, parsed.Title), cancellationToken);
        logger.LogInformation(
            "Feed {Feed}: {Items} items, {New} new, {Matches} new matching",
            feed.Id,
            parsed.Items.Count,
            added.Count,
            newMatches.Count);
        return new PollResult(feed.Id, PollStatus.Updated, parsed.Items.Count, added, newMatches.Count, topics, null);
    }

    private static FeedState Succeeded(FeedState state, FetchResult fetched, string status, string? title) => state with
    {
        ETag = fetched.ETag ?? (fetched.Outcome == FetchOutcome.NotModified ? state.ETag : null),
        LastModified = fetched.LastModified ?? (fetched.Outcome == FetchOutcome.NotModified ? state.LastModified : null),
        LastSuccessAt = state.LastAttemptAt,
        ConsecutiveFailures = 0,
        LastStatus = status,
        LastError = null,
        Title = title ?? state.Title,
    };

    private async Task<PollResult> FailAsync(FeedDefinition feed, FeedState state, string error, int? statusCode, CancellationToken cancellationToken)
    {
        var failed = state with
        {
            ConsecutiveFailures = state.ConsecutiveFailures + 1,
            LastStatus = statusCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "error",
            LastError = error,
        };
        await store.SaveFeedStateAsync(failed, cancellationToken);
        logger.LogWarning("Feed {Feed} failed ({Failures} in a row): {Error}", feed.Id, failed.ConsecutiveFailures, error);
        return PollResult.Failed(feed.Id, error);
    }
}
