using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Subscriptions;

/// <summary>
/// Signed, expiring tokens that name a subscriber's email address for one purpose (e.g. <see cref="Unsubscribe"/>), for
/// links in mail. A token is <c>base64url(expiry "\n" purpose "\n" email) "." base64url(HMAC-SHA256)</c>, the MAC taken
/// over a version tag and the payload with the key from <c>Monitor:Subscriptions:SigningKey</c>. Verification is
/// constant-time, checks the purpose and honours the expiry (time from <see cref="TimeProvider"/>); a token changed in
/// any way, signed with another key, made for another purpose or expired does not verify. Tokens are not secret from
/// their holder (the payload is readable), only unforgeable.
/// </summary>
public sealed class UnsubscribeTokens
{
    /// <summary>The purpose of the links in digests' List-Unsubscribe header and footer.</summary>
    public const string Unsubscribe = "unsubscribe";

    /// <summary>Shortest accepted signing key, in characters.</summary>
    public const int MinKeyLength = 32;

    private const string Version = "monitor-token-v1\n";
    private const int MacBytes = 32;

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <exception cref="ArgumentException"><paramref name="signingKey"/> is shorter than <see cref="MinKeyLength"/>.</exception>
    public UnsubscribeTokens(string signingKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(time);
        if (signingKey.Length < MinKeyLength)
        {
            throw new ArgumentException($"The signing key must be at least {MinKeyLength} characters.", nameof(signingKey));
        }

        _key = Encoding.UTF8.GetBytes(signingKey);
        _time = time;
    }

    /// <summary>A token for <paramref name="email"/> and <paramref name="purpose"/>, valid for <paramref name="lifetime"/> from now.</summary>
    public string Create(string email, string purpose, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (email.Contains('\n', StringComparison.Ordinal) || purpose.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("Email and purpose must be single lines.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var expires = (_time.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        var payload = Encoding.UTF8.GetBytes($"{expires.ToString(CultureInfo.InvariantCulture)}\n{purpose}\n{email}");
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(Sign(payload));
    }

    /// <summary>True, with the email address, when <paramref name="token"/> was made by this key for <paramref name="purpose"/> and has not expired.</summary>
    public bool TryVerify(string? token, string purpose, out string email)
    {
        email = string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryDecode(token.AsSpan(0, dot), out var payload) || !TryDecode(token.AsSpan(dot + 1), out var mac))
        {
            return false;
        }

        if (mac.Length != MacBytes || !CryptographicOperations.FixedTimeEquals(mac, Sign(payload)))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n', 3);
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !string.Equals(parts[1], purpose, StringComparison.Ordinal)
            || _time.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return false;
        }

        email = parts[2];
        return true;
    }

    private byte[] Sign(byte[] payload)
    {
        var versioned = new byte[Version.Length + payload.Length];
        Encoding.ASCII.GetBytes(Version, versioned);
        payload.CopyTo(versioned, Version.Length);
        return HMACSHA256.HashData(_key, versioned);
    }

    private static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.IsEmpty || !Base64Url.IsValid(text, out var length))
        {
            return false;
        }

        bytes = new byte[length];

        // Only the canonical encoding: a token has exactly one spelling (unused trailing bits must be zero).
        return Base64Url.TryDecodeFromChars(text, bytes, out var written) && written == length && text.SequenceEqual(Base64Url.EncodeToString(bytes));
    }
}
