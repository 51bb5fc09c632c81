using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Core.Configuration;
using Monitor.Core.Scheduling;

namespace Monitor.Subscriptions;

/// <summary>
/// The merged subscriber list. Rules, by email (case-insensitive):
/// <list type="bullet">
/// <item>a feeds.json subscriber gets digests as feeds.json defines them, whatever is stored for the same address, unless
/// the address opted out (used an unsubscribe link, so its stored subscription has an unsubscribe time and is not
/// confirmed): the opt-out wins until the person subscribes and confirms again;</item>
/// <item>a stored subscription not in feeds.json gets digests when confirmed; its topics that feeds.json no longer defines
/// are dropped, and it is skipped when none is left or its schedule or time zone is invalid (each logged once as a warning).</item>
/// </list>
/// Nothing is cached: every call reads the store, so an unsubscribe takes effect for the next digest job even if it was
/// already scheduled.
/// </summary>
public sealed class SubscriberDirectory(ConfigStore config, ISubscriptionStore store, ILogger<SubscriberDirectory> logger) : ISubscriberDirectory
{
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);

    public event EventHandler? Changed;

    public async Task<IReadOnlyList<SubscriberDefinition>> GetSubscribersAsync(CancellationToken cancellationToken)
    {
        var active = config.Current;
        var stored = await store.ListAsync(cancellationToken);
        var optedOut = stored.Where(SubscriptionService.IsOptOut).Select(s => s.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var result = active.Feeds.Subscribers.Where(s => !optedOut.Contains(s.Email)).ToList();
        foreach (var subscription in stored.Where(s => s.Status == SubscriptionStatus.Confirmed && active.FindSubscriber(s.Email) is null))
        {
            if (ToDefinition(subscription, active) is { } subscriber)
            {
                result.Add(subscriber);
            }
        }

        return result;
    }

    public async Task<SubscriberDefinition?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var active = config.Current;
        var subscription = await store.GetAsync(email, cancellationToken);
        if (active.FindSubscriber(email) is { } fromFile)
        {
            return SubscriptionService.IsOptOut(subscription) ? null : fromFile;
        }

        return subscription?.Status == SubscriptionStatus.Confirmed ? ToDefinition(subscription, active) : null;
    }

    public void NotifyChanged() => Changed?.Invoke(this, EventArgs.Empty);

    /// <summary>The subscription as a subscriber of the active config, or null (warned) when it cannot be one.</summary>
    private SubscriberDefinition? ToDefinition(Subscription subscription, ActiveConfig active)
    {
        var known = active.Feeds.Topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var topics = subscription.Topics.Where(known.Contains).Distinct(StringComparer.Ordinal).ToList();
        var dropped = subscription.Topics.Where(t => !known.Contains(t)).ToList();
        if (topics.Count == 0)
        {
            WarnOnce(
                $"{subscription.Email}|no-topics|{active.Generation}",
                "Subscription {Email} skipped: none of its topics ({Topics}) is in feeds.json any more",
                subscription.Email,
                string.Join(", ", dropped));
            return null;
        }

        if (dropped.Count > 0)
        {
            WarnOnce(
                $"{subscription.Email}|topics|{string.Join(',', dropped)}|{active.Generation}",
                "Subscription {Email}: topic(s) {Topics} no longer in feeds.json, ignored",
                subscription.Email,
                string.Join(", ", dropped));
        }

        if (!DigestSchedule.TryParse(subscription.Schedule, out var schedule, out var scheduleError))
        {
            WarnOnce($"{subscription.Email}|schedule|{subscription.Schedule}", "Subscription {Email} skipped: {Error}", subscription.Email, scheduleError);
            return null;
        }

        if (!SubscriptionInput.TryFindTimeZone(subscription.TimeZone, out var zone))
        {
            WarnOnce($"{subscription.Email}|zone|{subscription.TimeZone}", "Subscription {Email} skipped: unknown time zone '{Zone}'", subscription.Email, subscription.TimeZone);
            return null;
        }

        return new SubscriberDefinition(subscription.Email, subscription.Name, topics, schedule, zone);
    }

    private void WarnOnce(string key, string message, params object?[] args)
    {
        if (_warned.TryAdd(key, 0))
        {
#pragma warning disable CA2254 // the templates are the constants above
            logger.LogWarning(message, args);
#pragma warning restore CA2254
        }
    }
}
