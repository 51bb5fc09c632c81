using Microsoft.Extensions.Options;
using Monitor.Digests;
using Monitor.Options;

namespace Monitor.Subscriptions;

/// <summary>
/// The signed links of the subscription pages, all <see cref="UnsubscribeTokens"/> with the key from
/// <c>Monitor:Subscriptions:SigningKey</c> and one purpose each: confirm (<see cref="ConfirmLifetime"/>), manage
/// (<see cref="ManageLifetime"/>) and unsubscribe (the digests' own, <see cref="UnsubscribeLinks.Lifetime"/>).
/// </summary>
public sealed class SubscriptionLinks
{
    public const string ConfirmPurpose = "subscribe-confirm";
    public const string ManagePurpose = "manage";
    public const string UnsubscribePurpose = UnsubscribeTokens.Unsubscribe;

    public const string SubscribePath = "/subscribe";
    public const string ConfirmPath = "/subscribe/confirm";
    public const string ManagePath = "/manage";
    public const string UnsubscribePath = UnsubscribeLinks.Path;

    /// <summary>How long the link in a confirmation mail works.</summary>
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromHours(48);

    /// <summary>How long a link to the preferences page works.</summary>
    public static readonly TimeSpan ManageLifetime = TimeSpan.FromDays(365);

    private readonly UnsubscribeTokens? _tokens;
    private readonly string? _baseUrl;

    public SubscriptionLinks(IOptions<MonitorOptions> options, TimeProvider time)
    {
        var value = options.Value;
        var key = value.Subscriptions?.SigningKey;
        _tokens = string.IsNullOrEmpty(key) || key.Length < UnsubscribeTokens.MinKeyLength ? null : new UnsubscribeTokens(key, time);
        _baseUrl = string.IsNullOrWhiteSpace(value.PublicBaseUrl) ? null : value.PublicBaseUrl.TrimEnd('/');
    }

    /// <summary>Tokens can be made and checked (a signing key is set).</summary>
    public bool CanSign => _tokens is not null;

    /// <summary>Links in mail can be made (a signing key and <c>Monitor:PublicBaseUrl</c> are set).</summary>
    public bool CanMail => _tokens is not null && _baseUrl is not null;

    public string ConfirmUrl(string email) => Absolute(ConfirmPath, Token(email, ConfirmPurpose, ConfirmLifetime));

    public string ManageUrl(string email) => Absolute(ManagePath, Token(email, ManagePurpose, ManageLifetime));

    public string UnsubscribeUrl(string email) => Absolute(UnsubscribePath, Token(email, UnsubscribePurpose, UnsubscribeLinks.Lifetime));

    /// <summary>A page without a token, under <c>Monitor:PublicBaseUrl</c> (root-relative when it is not set).</summary>
    public string PageUrl(string path) => $"{_baseUrl}{path}";

    /// <summary>True, with the lower-cased email, for a genuine unexpired token of <paramref name="purpose"/>.</summary>
    public bool TryVerify(string? token, string purpose, out string email)
    {
        email = string.Empty;
        if (_tokens is null || !_tokens.TryVerify(token, purpose, out var verified))
        {
            return false;
        }

        email = verified.Trim().ToLowerInvariant();
        return true;
    }

    private string Token(string email, string purpose, TimeSpan lifetime) =>
        (_tokens ?? throw new InvalidOperationException("Monitor:Subscriptions:SigningKey is not set.")).Create(email.Trim().ToLowerInvariant(), purpose, lifetime);

    /// <summary>Under <c>Monitor:PublicBaseUrl</c>; root-relative when it is not set (pages only, never mail).</summary>
    private string Absolute(string path, string token) => $"{_baseUrl}{path}?token={Uri.EscapeDataString(token)}";
}
