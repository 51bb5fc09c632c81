using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Core.Configuration;
using Monitor.Digests;
using Monitor.Options;
using Monitor.Storage;

namespace Monitor.Delivery;

/// <summary>
/// Hands a digest to the transport with the bookkeeping that makes it safe across crashes and replicas:
/// a per-subscriber lease (one sender at a time, whichever replica), the message recorded before it is sent, and its
/// stories marked sent in the same transaction that closes the record once the server accepted it.
/// </summary>
public sealed class DigestDelivery(
    IMonitorStore store,
    IDigestTransport transport,
    InstanceIdentity instance,
    IOptions<MonitorOptions> options,
    TimeProvider time,
    ILogger<DigestDelivery> logger)
{
    /// <summary>Takes the subscriber's lease, or returns null when another replica is sending to them right now.</summary>
    public async Task<IAsyncDisposable?> TryLeaseAsync(SubscriberDefinition subscriber, CancellationToken cancellationToken)
    {
        var ttl = options.Value.DigestLeaseTime;
        var acquired = await store.TryAcquireDigestLeaseAsync(subscriber.Email, instance.Id, ttl, time.GetUtcNow(), cancellationToken);
        if (!acquired
            && await store.GetDigestLeaseOwnerAsync(subscriber.Email, cancellationToken) is { } owner
            && InstanceIdentity.IsDeadLocalOwner(owner))
        {
            // A predecessor on this host died holding the lease (crash, SIGKILL): no need to wait for it to expire.
            acquired = await store.TakeOverDigestLeaseAsync(subscriber.Email, owner, instance.Id, ttl, time.GetUtcNow(), cancellationToken);
            if (acquired)
            {
                logger.LogWarning("Took over the digest lease of {Email} from {Owner}, which is no longer running", subscriber.Email, owner);
            }
        }

        return acquired ? new Lease(store, subscriber.Email, instance.Id) : null;
    }

    /// <summary>
    /// Sends again a digest whose outcome was never recorded (the process died while sending): the same message with the
    /// same Message-ID. Returns null when there is none.
    /// </summary>
    public async Task<DigestResult?> ResumeUnfinishedAsync(SubscriberDefinition subscriber, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        var attempt = await store.GetUnfinishedAttemptAsync(subscriber.Email, cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        logger.LogWarning("Digest {MessageId} for {Email} was interrupted before its outcome was recorded; sending it again", attempt.MessageId, subscriber.Email);
        using var stream = new MemoryStream(attempt.Message);
        var message = await MimeMessage.LoadAsync(stream, cancellationToken);
        return await SendAsync(subscriber, attempt, message, attempt.StoryKeys.Count, next, discardOnFailure: false, cancellationToken);
    }

    /// <summary>Records, sends and completes one digest.</summary>
    public async Task<DigestResult> DeliverAsync(SubscriberDefinition subscriber, Digest digest, MimeMessage message, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer, cancellationToken);
        var attempt = new DigestAttempt(message.MessageId ?? Guid.NewGuid().ToString("N"), subscriber.Email, time.GetUtcNow(), digest.StoryKeys, digest.TitleKeys, buffer.ToArray());
        await store.RecordAttemptAsync(attempt, cancellationToken);
        return await SendAsync(subscriber, attempt, message, digest.StoryCount, next, discardOnFailure: true, cancellationToken);
    }

    /// <param name="stories">Stories shown in the message (the attempt may record more keys: merged and suppressed ones).</param>
    private async Task<DigestResult> SendAsync(SubscriberDefinition subscriber, DigestAttempt attempt, MimeMessage message, int stories, DateTimeOffset? next, bool discardOnFailure, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (discardOnFailure)
            {
                await store.DiscardAttemptAsync(attempt.MessageId, CancellationToken.None);
            }

            logger.LogError("Digest for {Email} not delivered via {Transport}: {Error}; its stories stay pending", subscriber.Email, transport.Describe(), ex.Message);
            logger.LogDebug(ex, "Delivery failure details");
            return new DigestResult(subscriber.Email, DigestStatus.Failed, stories, next, ex.Message);
        }

        // Accepted: record it. CancellationToken.None so that a shutdown cannot leave it half-recorded.
        await store.CompleteAttemptAsync(attempt, time.GetUtcNow(), CancellationToken.None);
        logger.LogInformation("Digest for {Email}: {Count} stories sent via {Transport}", subscriber.Email, stories, transport.Describe());
        return new DigestResult(subscriber.Email, DigestStatus.Sent, stories, next, null);
    }

    private sealed class Lease(IMonitorStore store, string subscriber, string owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await store.ReleaseDigestLeaseAsync(subscriber, owner, CancellationToken.None);
    }
}
