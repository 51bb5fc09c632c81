using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Core.Configuration;
using Monitor.Core.Dedup;
using Monitor.Core.Matching;
using Monitor.Digests;
using Monitor.Options;
using Monitor.Storage;

namespace Monitor.Feeds;

/// <summary>
/// One poll of one feed: fetch (conditional) -> parse and normalize -> match on plain text -> store, keeping only new
/// items. A failure is recorded in the feed's state and never touches what was already seen.
/// </summary>
public sealed class FeedPoller(
    FeedFetcher fetcher,
    IMonitorStore store,
    ConfigStore config,
    IOptionsMonitor<FetchOptions> fetchOptions,
    IOptions<MonitorOptions> monitorOptions,
    NearDuplicateGraph nearDuplicates,
    TimeProvider time,
    ILogger<FeedPoller> logger)
{
    /// <summary>Share of a poll's items that must suddenly look new (while dated no later than what was already stored) to be held.</summary>
    public const double ChurnShare = 0.5;

    /// <summary>Fewest such items to count as churn.</summary>
    public const int ChurnMinimum = 5;

    public Task<PollResult> PollAsync(FeedDefinition feed, CancellationToken cancellationToken) => PollAsync(feed, null, cancellationToken);

    /// <summary>
    /// With a <paramref name="batch"/> (a cycle over every feed), the feed's state comes from the batch's one read and a
    /// "not modified" answer is left to the batch to save with the others.
    /// </summary>
    public async Task<PollResult> PollAsync(FeedDefinition feed, PollBatch? batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var started = time.GetUtcNow();
        var url = feed.Url.AbsoluteUri;
        var state = (batch is null ? await store.GetFeedStateAsync(feed.Id, cancellationToken) : batch.StateOf(feed.Id)) ?? FeedState.New(feed.Id, url);
        if (state.Url != url)
        {
            // A new address in feeds.json starts afresh: validators, back-off, a 410 and a recorded move all belonged to the old one.
            state = FeedState.New(feed.Id, url) with { Title = state.Title, HeldItems = state.HeldItems };
        }

        if (state.IsDisabled)
        {
            return PollResult.Skipped(feed.Id, $"disabled since {state.DisabledAt:u}: {state.DisabledReason}");
        }

        if (state.NextAttemptAt is { } next && next > started)
        {
            return PollResult.Skipped(feed.Id, $"backing off until {next:u} after {state.ConsecutiveFailures} failure(s): {state.LastError}");
        }

        var target = state.PermanentUrl is { } moved ? new Uri(moved) : feed.Url;
        var fetched = await fetcher.FetchAsync(target, state.ETag, state.LastModified, cancellationToken);
        state = state with { LastAttemptAt = started };
        if (fetched.PermanentlyMovedTo is { } newUrl && newUrl.AbsoluteUri != state.PermanentUrl)
        {
            logger.LogWarning("Feed {Feed} moved permanently to {Url}; polling it there from now on (update feeds.json)", feed.Id, newUrl);
            state = state with { PermanentUrl = newUrl.AbsoluteUri };
        }

        switch (fetched.Outcome)
        {
            case FetchOutcome.Failed:
                return await FailAsync(feed, state, fetched, cancellationToken);

            case FetchOutcome.NotModified:
                var unchanged = Succeeded(state, fetched, "304 Not Modified", state.Title);
                if (batch is null)
                {
                    await store.SaveFeedStateAsync(unchanged, cancellationToken);
                }
                else
                {
                    batch.NotModified(unchanged);
                }

                logger.LogDebug("Feed {Feed}: not modified", feed.Id);
                return new PollResult(feed.Id, PollStatus.NotModified, 0, 0, 0, [], null);
        }

        ParsedFeed parsed;
        try
        {
            parsed = FeedParser.Parse(fetched.Body, fetched.FinalUrl, feed.Id, fetched.ContentType, fetchOptions.CurrentValue.MaxItemsPerFeed);
        }
        catch (FeedParseException ex) when (ex.DiscoveredFeedUrl is { } discovered && discovered.AbsoluteUri != fetched.FinalUrl.AbsoluteUri)
        {
            // Autodiscovery: the address serves an HTML page that names its feed; follow it once, and keep using it.
            var followed = await fetcher.FetchAsync(discovered, null, null, cancellationToken);
            if (followed.Outcome != FetchOutcome.Content)
            {
                return await FailAsync(feed, state, fetched with { Error = $"{ex.Message}; following it failed: {followed.Error ?? "no content"}" }, cancellationToken);
            }

            try
            {
                parsed = FeedParser.Parse(followed.Body, followed.FinalUrl, feed.Id, followed.ContentType, fetchOptions.CurrentValue.MaxItemsPerFeed);
            }
            catch (FeedParseException inner)
            {
                return await FailAsync(feed, state, fetched with { Error = $"{ex.Message}; that feed failed too: {inner.Message}" }, cancellationToken);
            }

            logger.LogWarning("Feed {Feed}: {Url} is an HTML page; polling the feed it names, {Feed2}, from now on (update feeds.json)", feed.Id, fetched.FinalUrl, followed.FinalUrl);
            state = state with { PermanentUrl = followed.FinalUrl.AbsoluteUri };
            fetched = followed;
        }
        catch (FeedParseException ex)
        {
            return await FailAsync(feed, state, fetched with { Error = ex.Message }, cancellationToken);
        }

        var held = await FindChurnAsync(feed, parsed, cancellationToken);
        var active = config.Current;
        var matched = new List<MatchedItem>(parsed.Items.Count);
        foreach (var item in parsed.Items)
        {
            // Held items are stored (so they are seen from now on) without their topics, so they are never mailed.
            var matches = held.Contains(item.ItemKey) ? [] : active.Matcher.Match(new MatchInput(item.Title, item.Summary, item.Categories));
            matched.Add(new MatchedItem(item, matches));
        }

        if (held.Count > 0)
        {
            state = state with { HeldItems = state.HeldItems + held.Count };
            logger.LogWarning(
                "Feed {Feed}: {Held} of {Items} items changed identity at once (new ids or links, old dates); held them back instead of mailing them",
                feed.Id,
                held.Count,
                parsed.Items.Count);
        }

        var status = fetched.StatusCode is { } code ? $"{code} OK" : "read";
        var added = await store.AddItemsAsync(matched, time.GetUtcNow(), Succeeded(state, fetched, status, parsed.Title), cancellationToken);
        var addedKeys = added.Select(i => i.Item.ItemKey).ToHashSet(StringComparer.Ordinal);
        var newMatches = matched.Where(m => addedKeys.Contains(m.Item.ItemKey) && m.Matches.Count > 0).ToList();

        // The new matches are the digests' candidates: compare them with the others now, while other feeds are fetched.
        var matchedKeys = newMatches.Where(m => m.Matches.Any(x => x.IsMatch)).Select(m => m.Item.ItemKey).ToHashSet(StringComparer.Ordinal);
        var options = monitorOptions.Value;
        nearDuplicates.Observe([.. added.Where(i => matchedKeys.Contains(i.Item.ItemKey))], new NearDuplicateOptions(options.NearDuplicateThreshold, options.NearDuplicateWindow));
        var topics = newMatches.SelectMany(m => m.Matches.Select(x => x.TopicId)).ToHashSet(StringComparer.Ordinal);
        logger.LogInformation(
            "Feed {Feed}: {Items} items, {New} new, {Matches} new matching",
            feed.Id,
            parsed.Items.Count,
            added.Count,
            newMatches.Count);
        return new PollResult(feed.Id, PollStatus.Updated, parsed.Items.Count, added.Count, newMatches.Count, topics, null, held.Count);
    }

    /// <summary>
    /// The identity-churn guard (a feed that changes its GUIDs or link scheme must not re-mail its archive): when at
    /// least half of a poll's items, and at least five, are unknown yet dated no later than the newest item already
    /// stored, they are the same stories under new identities. Genuinely new posts carry newer dates and pass.
    /// </summary>
    private async Task<IReadOnlySet<string>> FindChurnAsync(FeedDefinition feed, ParsedFeed parsed, CancellationToken cancellationToken)
    {
        if (parsed.Items.Count < ChurnMinimum)
        {
            return new HashSet<string>();
        }

        var history = await store.GetFeedHistoryAsync(feed.Id, parsed.Items.Select(i => i.ItemKey).ToArray(), cancellationToken);
        if (history.StoredItems < ChurnMinimum || history.NewestPublished is not { } newest)
        {
            return new HashSet<string>();
        }

        var suspects = parsed.Items
            .Where(i => !history.KnownItemKeys.Contains(i.ItemKey) && i.Published is { } published && published <= newest)
            .Select(i => i.ItemKey)
            .ToHashSet(StringComparer.Ordinal);
        return suspects.Count >= ChurnMinimum && suspects.Count >= parsed.Items.Count * ChurnShare ? suspects : new HashSet<string>();
    }

    private static FeedState Succeeded(FeedState state, FetchResult fetched, string status, string? title) => state with
    {
        ETag = fetched.ETag ?? (fetched.Outcome == FetchOutcome.NotModified ? state.ETag : null),
        LastModified = fetched.LastModified ?? (fetched.Outcome == FetchOutcome.NotModified ? state.LastModified : null),
        LastSuccessAt = state.LastAttemptAt,
        ConsecutiveFailures = 0,
        NextAttemptAt = null,
        LastStatus = status,
        LastError = null,
        Title = title ?? state.Title,
    };

    private async Task<PollResult> FailAsync(FeedDefinition feed, FeedState state, FetchResult fetched, CancellationToken cancellationToken)
    {
        var error = fetched.Error ?? "unknown error";
        var failures = state.ConsecutiveFailures + 1;
        var delay = FeedBackoff.Delay(failures, feed.PollEvery, fetched.RetryAfter, Random.Shared.NextDouble());
        var failed = state with
        {
            ConsecutiveFailures = failures,
            LastStatus = fetched.StatusCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "error",
            LastError = error,
            NextAttemptAt = state.LastAttemptAt + delay,
        };
        if (fetched.StatusCode == 410)
        {
            failed = failed with { DisabledAt = state.LastAttemptAt, DisabledReason = "410 Gone: the publisher removed this feed; remove it from feeds.json, or `monitor feeds enable " + feed.Id + "`" };
            logger.LogError("Feed {Feed} is gone (HTTP 410) and is disabled; remove it from feeds.json or re-enable it", feed.Id);
        }
        else
        {
            logger.LogWarning("Feed {Feed} failed ({Failures} in a row): {Error}; next attempt at {Next:u}", feed.Id, failures, error, failed.NextAttemptAt);
        }

        await store.SaveFeedStateAsync(failed, cancellationToken);
        return PollResult.Failed(feed.Id, error);
    }
}
