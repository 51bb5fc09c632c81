using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Monitor.Options;

namespace Monitor.Delivery;

/// <summary>Sends digests with MailKit. Credentials come from settings and are never logged.</summary>
public sealed class SmtpTransport(IOptionsMonitor<SmtpOptions> options) : IDigestTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var client = new SmtpClient
        {
            Timeout = (int)settings.Timeout.TotalMilliseconds,
            CheckCertificateRevocation = !settings.AcceptAnyCertificate,
        };
        if (settings.AcceptAnyCertificate)
        {
#pragma warning disable CA5359 // explicit opt-in setting, documented as for test servers with self-signed certificates
            client.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        var security = settings.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(settings.Host ?? string.Empty, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);

        // The server has accepted the message: a failure to say goodbye must not turn that into a failed delivery.
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
        {
        }
    }

    public string Describe() => $"SMTP {options.CurrentValue}";
}
