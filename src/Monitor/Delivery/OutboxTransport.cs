using System.Globalization;
using MimeKit;

namespace Monitor.Delivery;

/// <summary>Writes each digest as an .eml file into the outbox folder (the embedded default when no SMTP host is set).</summary>
public sealed class OutboxTransport(string outboxDir, TimeProvider time) : IDigestTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outboxDir);
        var recipient = message.To.Mailboxes.FirstOrDefault()?.Address ?? "unknown";
        var safe = new string(recipient.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_').ToArray());
        var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = $"{stamp}-{safe}-{Guid.NewGuid().ToString("N")[..8]}.eml";
        var final = Path.Combine(outboxDir, name);
        var temp = final + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await message.WriteToAsync(stream, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        File.Move(temp, final);
    }

    public string Describe() => $"outbox {outboxDir}";
}
