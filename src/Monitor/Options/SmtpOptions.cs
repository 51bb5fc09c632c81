namespace Monitor.Options;

/// <summary>The <c>Monitor:Smtp</c> section. An empty <see cref="Host"/> writes digests to the outbox folder instead.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Monitor:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Monitor <monitor@localhost>";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Accept any server certificate (test servers with self-signed certificates only).</summary>
    public bool AcceptAnyCertificate { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Never prints the password.</summary>
    public override string ToString() =>
        IsConfigured ? $"{Host}:{Port} ({Security}, user {(string.IsNullOrEmpty(Username) ? "-" : Username)})" : "outbox";
}
