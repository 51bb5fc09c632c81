using Monitor.Core.Configuration;

namespace Monitor.Subscriptions;

/// <summary>
/// Who gets digests: the subscribers of feeds.json and the confirmed stored subscriptions, merged (see
/// <see cref="SubscriberDirectory"/>). Everything that sends, schedules or previews digests asks this, not feeds.json.
/// </summary>
public interface ISubscriberDirectory
{
    /// <summary>Raised when the stored subscriptions may have changed (here, or in another process that shares the database).</summary>
    event EventHandler? Changed;

    /// <summary>The effective subscribers now: feeds.json first, then confirmed stored subscriptions.</summary>
    Task<IReadOnlyList<SubscriberDefinition>> GetSubscribersAsync(CancellationToken cancellationToken);

    /// <summary>The effective subscriber with this email (case-insensitive), read fresh from the store; null when there is none.</summary>
    Task<SubscriberDefinition?> FindAsync(string email, CancellationToken cancellationToken);

    /// <summary>Raises <see cref="Changed"/>.</summary>
    void NotifyChanged();
}
