using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Core.Configuration;
using Monitor.Delivery;
using Monitor.Options;

namespace Monitor.Subscriptions;

/// <summary>
/// What the subscription pages and <c>subscribers</c> commands do: double opt-in requests, confirmation, unsubscribing
/// (also as an opt-out of an address from feeds.json), preference changes, and an administrator's add and remove. Every
/// change that alters who gets digests raises <see cref="ISubscriberDirectory.Changed"/>, so the scheduler follows at once.
/// </summary>
public sealed class SubscriptionService(
    ISubscriptionStore store,
    ISubscriberDirectory directory,
    ConfigStore config,
    SubscriptionLinks links,
    IDigestTransport transport,
    IOptionsMonitor<SmtpOptions> smtp,
    TimeProvider time,
    ILogger<SubscriptionService> logger)
{
    /// <summary>
    /// Handles a subscribe request: records it as pending and mails the confirmation link; if the address already gets
    /// digests, changes nothing and mails it a note with its manage and unsubscribe links instead. Either way the caller
    /// answers the same, so the pages do not reveal who is subscribed.
    /// </summary>
    /// <exception cref="InvalidOperationException">Links cannot be mailed (no public base URL or signing key).</exception>
    public async Task RequestAsync(SubscriptionInput input, CancellationToken cancellationToken)
    {
        if (!links.CanMail)
        {
            throw new InvalidOperationException("Subscribing needs Monitor:PublicBaseUrl and Monitor:Subscriptions:SigningKey.");
        }

        var active = config.Current;
        var stored = await store.GetAsync(input.Email, cancellationToken);
        var from = smtp.CurrentValue.From;
        var now = time.GetUtcNow();
        if (IsActive(active.FindSubscriber(input.Email), stored)
            || !await store.RequestAsync(input.Email, input.Name, input.Topics, input.Schedule.Text, input.TimeZone.Id, now, cancellationToken))
        {
            logger.LogInformation("Subscribe request for an address that already gets digests; a note with its links is mailed to it");
            await transport.SendAsync(SubscriptionMails.AlreadySubscribed(from, input.Email, input.Name ?? stored?.Name, links.ManageUrl(input.Email), links.UnsubscribeUrl(input.Email), now), cancellationToken);
            return;
        }

        var titles = input.Topics.Select(id => active.Feeds.Topics.FirstOrDefault(t => t.Id == id)?.Title ?? id).ToList();
        await transport.SendAsync(
            SubscriptionMails.Confirmation(from, input.Email, input.Name, titles, input.Schedule.Text, input.TimeZone.Id, links.ConfirmUrl(input.Email), now),
            cancellationToken);
        logger.LogInformation("Subscription requested for {Email}; confirmation mailed", input.Email);
    }

    /// <summary>The click on the confirmation link: a pending subscription becomes confirmed.</summary>
    public async Task<ConfirmResult> ConfirmAsync(string email, CancellationToken cancellationToken)
    {
        if (await store.ConfirmAsync(email, time.GetUtcNow(), cancellationToken))
        {
            logger.LogInformation("Subscription confirmed: {Email}", email);
            directory.NotifyChanged();
            return ConfirmResult.Confirmed;
        }

        return (await store.GetAsync(email, cancellationToken))?.Status == SubscriptionStatus.Confirmed ? ConfirmResult.AlreadyConfirmed : ConfirmResult.NotPending;
    }

    /// <summary>Stops the address's digests: a stored subscription is marked unsubscribed, an address from feeds.json gets an opt-out.</summary>
    public async Task<UnsubscribeResult> UnsubscribeAsync(string email, CancellationToken cancellationToken)
    {
        var fromFile = config.Current.FindSubscriber(email);
        var stored = await store.GetAsync(email, cancellationToken);
        if (fromFile is null && stored is null)
        {
            return UnsubscribeResult.Unknown;
        }

        var changed = await store.UnsubscribeAsync(
            email,
            stored?.Topics ?? fromFile!.Topics,
            stored?.Schedule ?? fromFile!.Schedule.Text,
            stored?.TimeZone ?? fromFile!.TimeZone.Id,
            time.GetUtcNow(),
            cancellationToken);
        if (!changed)
        {
            return UnsubscribeResult.AlreadyUnsubscribed;
        }

        logger.LogInformation("Unsubscribed: {Email}{Source}", email, fromFile is null ? string.Empty : " (an opt-out of a feeds.json subscriber)");
        directory.NotifyChanged();
        return UnsubscribeResult.Unsubscribed;
    }

    /// <summary>New preferences for a confirmed stored subscription.</summary>
    public async Task<UpdateResult> UpdateAsync(SubscriptionInput input, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(input.Email, cancellationToken);
        if (config.Current.FindSubscriber(input.Email) is not null && !IsOptOut(stored))
        {
            return UpdateResult.ManagedInFeedsJson;
        }

        if (!await store.UpdateAsync(input.Email, input.Name, input.Topics, input.Schedule.Text, input.TimeZone.Id, time.GetUtcNow(), cancellationToken))
        {
            return UpdateResult.NotActive;
        }

        logger.LogInformation("Subscription preferences changed: {Email}", input.Email);
        directory.NotifyChanged();
        return UpdateResult.Updated;
    }

    /// <summary>An administrator adds (or re-activates) a subscription, confirmed at once. Null when done, else why not.</summary>
    public async Task<string?> AddConfirmedAsync(SubscriptionInput input, CancellationToken cancellationToken)
    {
        if (config.Current.FindSubscriber(input.Email) is not null)
        {
            return $"{input.Email} is defined in feeds.json: edit the file";
        }

        await store.AddConfirmedAsync(input.Email, input.Name, input.Topics, input.Schedule.Text, input.TimeZone.Id, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Subscription added by an administrator: {Email}", input.Email);
        directory.NotifyChanged();
        return null;
    }

    /// <summary>The stored subscriptions, whatever their status.</summary>
    public Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Whether an address gets digests: from feeds.json unless it opted out, or a confirmed stored subscription.</summary>
    internal static bool IsActive(SubscriberDefinition? fromFile, Subscription? stored) =>
        fromFile is not null ? !IsOptOut(stored) : stored?.Status == SubscriptionStatus.Confirmed;

    /// <summary>An address that used an unsubscribe link and has not confirmed a new subscription since.</summary>
    internal static bool IsOptOut(Subscription? stored) =>
        stored is { Status: not SubscriptionStatus.Confirmed, UnsubscribedAt: not null };
}

public enum ConfirmResult
{
    Confirmed,
    AlreadyConfirmed,

    /// <summary>No pending subscription for the address (it left since, or never asked): nothing changed.</summary>
    NotPending,
}

public enum UnsubscribeResult
{
    Unsubscribed,
    AlreadyUnsubscribed,

    /// <summary>Neither in feeds.json nor stored: there was nothing to stop.</summary>
    Unknown,
}

public enum UpdateResult
{
    Updated,

    /// <summary>The address is a feeds.json subscriber: its preferences are edited in the file.</summary>
    ManagedInFeedsJson,

    /// <summary>Not a confirmed subscription (pending, or unsubscribed): nothing changed.</summary>
    NotActive,
}
