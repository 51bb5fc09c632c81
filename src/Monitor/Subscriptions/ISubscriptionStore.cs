namespace Monitor.Subscriptions;

/// <summary>
/// The subscriptions made outside feeds.json (subscribe pages, <c>subscribers add</c>), in the same database as the rest of
/// Monitor's state. Emails are compared and stored lower-cased. Every change sets <see cref="Subscription.UpdatedAt"/>.
/// </summary>
public interface ISubscriptionStore
{
    Task<Subscription?> GetAsync(string email, CancellationToken cancellationToken);

    /// <summary>Every stored subscription, whatever its status, ordered by email.</summary>
    Task<IReadOnlyList<Subscription>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records a request to subscribe as <see cref="SubscriptionStatus.Pending"/> with these preferences, unless the address is
    /// already confirmed (then nothing changes). Returns true when the pending request was recorded.
    /// </summary>
    Task<bool> RequestAsync(string email, string? name, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A pending subscription becomes confirmed. Returns false (and changes nothing) when it is not pending.</summary>
    Task<bool> ConfirmAsync(string email, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the subscription as confirmed with these preferences (an administrator's decision).</summary>
    Task AddConfirmedAsync(string email, string? name, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the address unsubscribed; when it has no row yet, one is created with the given preferences (an opt-out of an
    /// address from feeds.json). Returns false when it was already unsubscribed.
    /// </summary>
    Task<bool> UnsubscribeAsync(string email, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Changes the preferences of a confirmed subscription. Returns false (and changes nothing) when it is not confirmed.</summary>
    Task<bool> UpdateAsync(string email, string? name, IReadOnlyList<string> topics, string schedule, string timeZone, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A value that changes whenever any subscription changes (count and update times), to notice changes made by other processes.</summary>
    Task<string> GetVersionAsync(CancellationToken cancellationToken);
}
