using System.Net.Mail;

namespace Monitor.Core.Configuration;

/// <summary>A plain address (<c>user@example.com</c>): what <see cref="MailAddress"/> accepts, minus display names and other surprises.</summary>
internal static class EmailAddressRules
{
    /// <summary>Null when <paramref name="email"/> is a valid plain address, otherwise the problem.</summary>
    public static string? Validate(string email)
    {
        var reason = Reason(email);
        return reason is null ? null : $"invalid email address '{email}': {reason}";
    }

    private static string? Reason(string email)
    {
        if (email.Any(char.IsWhiteSpace))
        {
            return "it must not contain spaces";
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || email.IndexOf('@', at + 1) >= 0)
        {
            return "it must contain exactly one '@'";
        }

        if (at == 0)
        {
            return "nothing before the '@'";
        }

        var domain = email[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.'))
        {
            return "the domain must contain a dot, e.g. example.com";
        }

        return MailAddress.TryCreate(email, out var parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal)
            ? null
            : "not a valid address";
    }
}
