using System.Globalization;
using DotNet.Testcontainers.Containers;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace Monitor.Tests.Containers;

/// <summary>The Postfix + Dovecot container: submission with STARTTLS and AUTH on 587, plain SMTP on 2525, IMAP on 143.</summary>
public sealed class MailServer(IContainer container)
{
    public const int SubmissionPort = 587;
    public const int PlainPort = 2525;
    public const int ImapPort = 143;
    public const string Password = "secret";
    public const string SenderUser = "monitor@test.local";
    public const string NetworkAlias = "mail";

    /// <summary>Settings for Monitor's real delivery path: submission port, STARTTLS required, SMTP AUTH.</summary>
    public IReadOnlyDictionary<string, string?> Settings(string password = Password, string security = "StartTls", int port = SubmissionPort) => new Dictionary<string, string?>
    {
        ["Monitor:Smtp:Host"] = container.Hostname,
        ["Monitor:Smtp:Port"] = container.GetMappedPublicPort(port).ToString(CultureInfo.InvariantCulture),
        ["Monitor:Smtp:Security"] = security,
        ["Monitor:Smtp:Username"] = SenderUser,
        ["Monitor:Smtp:Password"] = password,
        ["Monitor:Smtp:From"] = "Monitor <monitor@test.local>",
        ["Monitor:Smtp:AcceptAnyCertificate"] = "true",
        ["Monitor:Smtp:Timeout"] = "00:00:15",
    };

    /// <summary>Every message in the user's INBOX addressed to <paramref name="recipient"/> (plus-addressed copies land in the base user's box).</summary>
    public async Task<IReadOnlyList<MimeMessage>> FetchAsync(string recipient, TimeSpan? waitFor = null, int expected = 0)
    {
        var user = recipient.Split('@')[0].Split('+')[0] + "@" + recipient.Split('@')[1];
        var deadline = TimeProvider.System.GetUtcNow() + (waitFor ?? TimeSpan.Zero);
        while (true)
        {
            var messages = await ReadInboxAsync(user, recipient);
            if (messages.Count >= expected && (messages.Count > 0 || expected == 0) || TimeProvider.System.GetUtcNow() >= deadline)
            {
                return messages;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Takes Postfix down (the entrypoint keeps it down while /tmp/smtp-down exists).</summary>
    public async Task StopSmtpAsync()
    {
        await ExecAsync("sh", "-c", "touch /tmp/smtp-down && postfix stop");
        await WaitForSmtpAsync(up: false);
    }

    public async Task StartSmtpAsync()
    {
        await ExecAsync("rm", "-f", "/tmp/smtp-down");
        await WaitForSmtpAsync(up: true);
    }

    private async Task WaitForSmtpAsync(bool up)
    {
        var port = container.GetMappedPublicPort(SubmissionPort);
        for (var i = 0; i < 100; i++)
        {
            var accepting = false;
            try
            {
                using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = 2000 };
                await client.ConnectAsync(container.Hostname, port, MailKit.Security.SecureSocketOptions.None);
                await client.DisconnectAsync(true);
                accepting = true;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpProtocolException or TimeoutException)
            {
            }

            if (accepting == up)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"SMTP did not go {(up ? "up" : "down")} within 20 s");
    }

    private async Task<IReadOnlyList<MimeMessage>> ReadInboxAsync(string user, string recipient)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync(container.Hostname, container.GetMappedPublicPort(ImapPort), MailKit.Security.SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, Password);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var result = new List<MimeMessage>();
        foreach (var uid in await imap.Inbox.SearchAsync(SearchQuery.All))
        {
            var message = await imap.Inbox.GetMessageAsync(uid);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(message);
            }
        }

        await imap.DisconnectAsync(true);
        return result;
    }

    private async Task ExecAsync(params string[] command)
    {
        var result = await container.ExecAsync(command);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed: {result.Stderr}");
        }
    }
}
