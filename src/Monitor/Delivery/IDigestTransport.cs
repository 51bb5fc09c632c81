using MimeKit;

namespace Monitor.Delivery;

/// <summary>Where digests go: an SMTP server, or the outbox folder.</summary>
public interface IDigestTransport
{
    /// <summary>Returns only when the message was accepted (by the server, or written to disk); throws otherwise.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    string Describe();
}
