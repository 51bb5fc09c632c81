using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Configuration;
using Monitor.Core.Configuration;
using Monitor.Delivery;
using Monitor.Digests.Rendering;
using Monitor.Options;
using Monitor.Storage;

namespace Monitor.Digests;

/// <summary>
/// Decides whether a subscriber's digest is due, composes it from the stories not yet sent to them, delivers it, and only
/// then records the stories as sent. A failed delivery records nothing, so the next attempt carries everything.
/// </summary>
public sealed class DigestService(
    IMonitorStore store,
    ConfigStore config,
    DigestDelivery delivery,
    NearDuplicateGraph nearDuplicates,
    IOptions<MonitorOptions> monitorOptions,
    IOptionsMonitor<SmtpOptions> smtpOptions,
    TimeProvider time,
    ILogger<DigestService> logger) : IDisposable
{
    /// <summary>One digest at a time per subscriber in this process (the database lease is per instance, so it lets this instance in twice).</summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<DigestMessageFactory> _messages = new(() => DigestMessageFactory.FromOptions(monitorOptions.Value, time));

    /// <summary>Renders digests and builds their messages (templates, unsubscribe links) as configured.</summary>
    public DigestMessageFactory Messages => _messages.Value;

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    /// <summary>When the digest is next due (null for immediate), from the last handled due time.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(SubscriberDefinition subscriber, CancellationToken cancellationToken)
    {
        var last = await store.GetLastDigestAsync(subscriber.Email, cancellationToken);
        return subscriber.Schedule.NextAfter(last ?? time.GetUtcNow(), subscriber.TimeZone);
    }

    /// <summary>Composes the digest the subscriber would get now, without sending or recording anything.</summary>
    public async Task<Digest> ComposeAsync(SubscriberDefinition subscriber, CancellationToken cancellationToken, TimeSpan? window = null, PendingSnapshot? snapshot = null)
    {
        var now = time.GetUtcNow();
        var options = monitorOptions.Value;
        var active = config.Current;
        var cutoff = now - (window ?? options.MaxItemAge);
        var pending = snapshot is not null && cutoff >= snapshot.Since
            ? await snapshot.GetPendingAsync(subscriber.Email, subscriber.Topics.ToArray(), cutoff, cancellationToken)
            : await store.GetPendingAsync(subscriber.Email, subscriber.Topics.ToArray(), cutoff, cancellationToken);
        var suppressed = await FindUpdatesOfSentAsync(subscriber, pending, now, cancellationToken);
        if (suppressed.Count > 0)
        {
            pending = pending.Where(m => !suppressed.Contains(m.StoryKey)).ToList();
        }

        var states = await store.GetFeedStatesAsync(cancellationToken);
        var failing = states
            .Where(st => (st.ConsecutiveFailures > 0 || st.IsDisabled) && active.FindFeed(st.FeedId) is { } f && f.Url.AbsoluteUri == st.Url)
            .Select(st => new FailingFeedNote(active.FeedTitle(st.FeedId, st.Title), st.ConsecutiveFailures, st.LastSuccessAt, st.IsDisabled ? st.DisabledReason ?? "disabled" : st.LastError ?? "failing"))
            .ToArray();
        var digest = DigestBuilder.Build(
            subscriber, pending, active.Feeds.Topics, id => active.FeedTitle(id), now, options.MaxStoriesPerDigest, options.MaxStoriesPerTopic, Messages.Renderer.Highlighter,
            new Core.Dedup.NearDuplicateOptions(options.NearDuplicateThreshold, options.NearDuplicateWindow),
            nearDuplicates.FindPairs);
        return digest with { FailingFeeds = failing, SuppressedStoryKeys = [.. suppressed] };
    }

    /// <summary>
    /// Pending stories that are near-duplicates (another outlet's rewrite, an update under a new link) of stories the
    /// subscriber already received within <see cref="MonitorOptions.MaxItemAge"/>: these are not news to them.
    /// </summary>
    private async Task<IReadOnlySet<string>> FindUpdatesOfSentAsync(SubscriberDefinition subscriber, IReadOnlyList<Storage.StoredMatch> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = monitorOptions.Value;
        if (pending.Count == 0 || options.NearDuplicateThreshold <= 0)
        {
            return new HashSet<string>();
        }

        // The smaller side is indexed and the other one looks into it (the test of a pair is symmetric). Which side is
        // smaller is learnt while reading: sent stories are buffered up to the number of pending ones; a ledger that
        // turns out larger (a week of them, thousands, against a few new ones) streams past an index of the pending
        // stories instead of being held. Memory follows the smaller side, never the whole ledger.
        var window = new Core.Dedup.NearDuplicateOptions(options.NearDuplicateThreshold, options.MaxItemAge);
        var candidates = pending.DistinctBy(m => m.StoryKey).ToList();
        var buffered = new List<Storage.SentStory>();
        Core.Dedup.NearDuplicateIndex<string>? pendingIndex = null;
        var updates = new HashSet<string>(StringComparer.Ordinal);
        void LookUp(Storage.SentStory story)
        {
            foreach (var found in pendingIndex!.Find(nearDuplicates.Signatures.Of(story.ItemId, story.Title, story.Summary), story.FirstSeen))
            {
                updates.Add(found.Key);
            }
        }

        await foreach (var story in store.ReadSentStoriesAsync(subscriber.Email, now - options.MaxItemAge, cancellationToken))
        {
            if (pendingIndex is null)
            {
                if (buffered.Count < candidates.Count)
                {
                    buffered.Add(story);
                    continue;
                }

                pendingIndex = new Core.Dedup.NearDuplicateIndex<string>(window);
                pendingIndex.EnsureCapacity(candidates.Count);
                foreach (var match in candidates)
                {
                    pendingIndex.Add(match.StoryKey, nearDuplicates.Signatures.Of(match), match.FirstSeen);
                }

                buffered.ForEach(LookUp);
                buffered.Clear();
            }

            LookUp(story);
        }

        if (pendingIndex is null && buffered.Count > 0)
        {
            var sentIndex = new Core.Dedup.NearDuplicateIndex<string>(window);
            sentIndex.EnsureCapacity(buffered.Count);
            foreach (var story in buffered)
            {
                sentIndex.Add(story.StoryKey, nearDuplicates.Signatures.Of(story.ItemId, story.Title, story.Summary), story.FirstSeen);
            }

            foreach (var match in candidates)
            {
                if (sentIndex.Find(nearDuplicates.Signatures.Of(match), match.FirstSeen).Count > 0)
                {
                    updates.Add(match.StoryKey);
                }
            }
        }

        if (updates.Count > 0)
        {
            logger.LogInformation("Digest for {Email}: {Count} pending stories are rewrites of stories already sent; left out", subscriber.Email, updates.Count);
        }

        return updates;
    }

    /// <summary>For a batch of digests sent together: the stored matches, read once when the first of them needs them.</summary>
    public PendingSnapshot CreateSnapshot() => new(store, time.GetUtcNow() - monitorOptions.Value.MaxItemAge);

    /// <summary>Sends the digest if due (or always, with <paramref name="force"/>) and there is something new.</summary>
    public async Task<DigestResult> RunAsync(SubscriberDefinition subscriber, bool force, CancellationToken cancellationToken, PendingSnapshot? snapshot = null)
    {
        var gate = _gates.GetOrAdd(subscriber.Email.Trim(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var lease = await delivery.TryLeaseAsync(subscriber, cancellationToken);
            if (lease is null)
            {
                return new DigestResult(subscriber.Email, DigestStatus.Busy, 0, null, "another instance is sending this digest");
            }

            var next = subscriber.Schedule.NextAfter(time.GetUtcNow(), subscriber.TimeZone);
            return await delivery.ResumeUnfinishedAsync(subscriber, next, cancellationToken)
                ?? await RunLockedAsync(subscriber, force, snapshot, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DigestResult> RunLockedAsync(SubscriberDefinition subscriber, bool force, PendingSnapshot? snapshot, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var last = await store.GetLastDigestAsync(subscriber.Email, cancellationToken);
        if (!force && !subscriber.Schedule.IsImmediate)
        {
            if (last is null)
            {
                // First sight of this subscriber: the schedule starts now, the first digest goes out at the next due time.
                await store.SetLastDigestAsync(subscriber.Email, now, cancellationToken);
                return new DigestResult(subscriber.Email, DigestStatus.NotDue, 0, subscriber.Schedule.NextAfter(now, subscriber.TimeZone), null);
            }

            var due = subscriber.Schedule.NextAfter(last.Value, subscriber.TimeZone);
            if (due is { } d && d > now)
            {
                return new DigestResult(subscriber.Email, DigestStatus.NotDue, 0, d, null);
            }
        }

        var digest = await ComposeAsync(subscriber, cancellationToken, snapshot: snapshot);
        var next = subscriber.Schedule.NextAfter(now, subscriber.TimeZone);
        if (digest.StoryCount == 0)
        {
            if (digest.SuppressedStoryKeys.Count > 0)
            {
                await store.MarkSentAsync(subscriber.Email, digest.SuppressedStoryKeys, [], "near-duplicate-of-sent", now, cancellationToken);
            }

            await store.SetLastDigestAsync(subscriber.Email, now, cancellationToken);
            logger.LogInformation("Digest for {Email}: nothing new", subscriber.Email);
            return new DigestResult(subscriber.Email, DigestStatus.Empty, 0, next, null);
        }

        MimeMessage message;
        try
        {
            message = Messages.Create(digest, smtpOptions.CurrentValue.From);
        }
        catch (DigestTemplateException ex)
        {
            // A broken template fails like a failed delivery: nothing is recorded, the stories stay pending.
            logger.LogError("Digest for {Email} not sent: {Error}; its {Count} stories stay pending", subscriber.Email, ex.Message, digest.StoryCount);
            return new DigestResult(subscriber.Email, DigestStatus.Failed, digest.StoryCount, next, ex.Message);
        }

        return await delivery.DeliverAsync(subscriber, digest, message, next, cancellationToken);
    }
}
