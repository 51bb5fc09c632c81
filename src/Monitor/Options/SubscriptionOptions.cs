namespace Monitor.Options;

/// <summary>The <c>Monitor:Subscriptions</c> section: signing of subscription links.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>
    /// Secret key (at least 32 characters) that signs unsubscribe (and later confirmation) tokens. Required when
    /// <c>Monitor:PublicBaseUrl</c> is set. Changing it invalidates every link already mailed. Never logged.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => string.IsNullOrEmpty(SigningKey) ? "no signing key" : "signing key set";
}
