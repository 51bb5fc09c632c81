using MimeKit;
using MimeKit.Utils;

namespace Monitor.Digests;

/// <summary>Builds the MIME message of a digest: multipart/alternative (plain text + HTML), UTF-8, with list and auto-submitted headers.</summary>
public static class DigestMessageFactory
{
    public static MimeMessage Create(Digest digest, string from)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(new MailboxAddress(digest.Name ?? string.Empty, digest.Email));
        message.Subject = digest.Subject;
        message.Date = digest.CreatedAt;
        message.MessageId = MimeUtils.GenerateMessageId(sender.Domain.Length > 0 ? sender.Domain : "monitor.local");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("List-Id", $"AI news digest <digest.{(sender.Domain.Length > 0 ? sender.Domain : "monitor.local")}>");
        message.Headers.Add("X-Monitor-Stories", digest.StoryCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var body = new BodyBuilder
        {
            TextBody = DigestRenderer.RenderText(digest),
            HtmlBody = DigestRenderer.RenderHtml(digest),
        };
        message.Body = body.ToMessageBody();
        return message;
    }
}
