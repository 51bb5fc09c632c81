using MimeKit;
using Monitor.Subscriptions;

namespace Monitor.Digests;

/// <summary>
/// The unsubscribe links of a subscriber's digest: <c>{PublicBaseUrl}/unsubscribe?token=…</c> with a signed
/// <see cref="UnsubscribeTokens.Unsubscribe"/> token valid for <see cref="Lifetime"/> (RFC 8058 one-click: the
/// endpoint takes a POST with <c>List-Unsubscribe=One-Click</c>, a GET shows a page), when a public base URL and a
/// signing key are configured; and always a <c>mailto:</c> to the sender with subject "unsubscribe".
/// </summary>
public sealed class UnsubscribeLinks(string? publicBaseUrl, UnsubscribeTokens? tokens)
{
    /// <summary>The path of the unsubscribe endpoint under <c>Monitor:PublicBaseUrl</c>.</summary>
    public const string Path = "/unsubscribe";

    /// <summary>How long an unsubscribe link in a mail keeps working.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static UnsubscribeLinks MailtoOnly { get; } = new(null, null);

    public DigestLinks For(string email, MailboxAddress from)
    {
        string? url = null;
        if (!string.IsNullOrWhiteSpace(publicBaseUrl) && tokens is not null)
        {
            var token = tokens.Create(email, UnsubscribeTokens.Unsubscribe, Lifetime);
            url = $"{publicBaseUrl.TrimEnd('/')}{Path}?token={Uri.EscapeDataString(token)}";
        }

        var mailto = from.Address.Length > 0 ? $"mailto:{from.Address}?subject={Uri.EscapeDataString("unsubscribe " + email)}" : null;
        return new DigestLinks(url, mailto);
    }
}
