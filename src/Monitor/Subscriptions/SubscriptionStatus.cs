namespace Monitor.Subscriptions;

/// <summary>Where a stored subscription stands. Only <see cref="Confirmed"/> ones get digests.</summary>
public enum SubscriptionStatus
{
    /// <summary>Asked for through the subscribe page; waits for the click on the link in the confirmation mail.</summary>
    Pending,

    /// <summary>Confirmed by the address's owner (double opt-in) or added by an administrator.</summary>
    Confirmed,

    /// <summary>Left (unsubscribe link or <c>subscribers remove</c>). For an address in feeds.json this is an opt-out that stops its digests too.</summary>
    Unsubscribed,
}
