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

        // The pending stories (a few, once the first digests are out) are indexed, and the week of stories already sent
        // (thousands, and growing with the ledger) streams past them: memory follows what is pending, not the ledger.
        // Their signatures are cached by item id, so the digests of one batch compute each sent item's signature once.
        // The index is built at the first sent story: a subscriber who has received nothing yet needs none.
        Core.Dedup.NearDuplicateIndex<string>? index = null;
        var updates = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var story in store.ReadSentStoriesAsync(subscriber.Email, now - options.MaxItemAge, cancellationToken))
        {
            index ??= IndexOf(pending, new Core.Dedup.NearDuplicateOptions(options.NearDuplicateThreshold, options.MaxItemAge));
            foreach (var found in index.Find(nearDuplicates.Signatures.Of(story.ItemId, story.Title, story.Summary), story.FirstSeen))
            {
                updates.Add(found.Key);
            }
        }

        if (updates.Count > 0)
        {
            logger.LogInformation("Digest for {Email}: {Count} pending stories are rewrites of stories already sent; left out", subscriber.Email, updates.Count);
        }

        return updates;
    }

    private Core.Dedup.NearDuplicateIndex<string> IndexOf(IReadOnlyList<Storage.StoredMatch> pending, Core.Dedup.NearDuplicateOptions window)
    {
        var candidates = pending.DistinctBy(m => m.StoryKey).ToList();
        var index = new Core.Dedup.NearDuplicateIndex<string>(window);
        index.EnsureCapacity(candidates.Count);
        foreach (var match in candidates)
        {
            index.Add(match.StoryKey, nearDuplicates.Signatures.Of(match), match.FirstSeen);
        }

        return index;
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
