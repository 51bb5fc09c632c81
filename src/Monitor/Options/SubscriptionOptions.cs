namespace Monitor.Options;

/// <summary>The <c>Monitor:Subscriptions</c> section: signing of subscription links.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>
    /// Secret key (at least 32 characters) that signs unsubscribe (and later confirmation) tokens. Required when
    /// <c>Monitor:PublicBaseUrl</c> is set. Changing it invalidates every link already mailed. Never logged.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Subscribe requests accepted per client IP address within <see cref="SubscribeWindow"/>; more are answered 429.</summary>
    public int SubscribeLimit { get; set; } = 5;

    /// <summary>The window of <see cref="SubscribeLimit"/>.</summary>
    public TimeSpan SubscribeWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Never prints the key.</summary>
    public override string ToString() => string.IsNullOrEmpty(SigningKey) ? "no signing key" : "signing key set";
}
