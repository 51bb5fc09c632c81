using System.Net.Sockets;
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

        // Our own socket, to send without Nagle's delay: MailKit writes a command in several small writes, and each
        // would otherwise wait for the server's delayed ACK (about 40 ms per message on Linux).
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(settings.Timeout);
            try
            {
                await socket.ConnectAsync(settings.Host ?? string.Empty, settings.Port, connectTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"connecting to {settings.Host}:{settings.Port} timed out after {settings.Timeout.TotalSeconds:0.#} s");
            }
        }

        await client.ConnectAsync(socket, settings.Host ?? string.Empty, settings.Port, security, cancellationToken);
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
