using System.Net;
using MimeKit;
using MimeKit.Utils;

namespace Monitor.Subscriptions;

/// <summary>The two mails of subscribing: the double opt-in confirmation, and the note to an address that is already subscribed.</summary>
internal static class SubscriptionMails
{
    public static MimeMessage Confirmation(string from, string email, string? name, IReadOnlyList<string> topicTitles, string schedule, string timeZone, string confirmUrl, DateTimeOffset now)
    {
        var hours = (int)SubscriptionLinks.ConfirmLifetime.TotalHours;
        var text =
            $"""
            Someone, hopefully you, asked to receive AI news digests at {email}:

              Topics:   {string.Join(", ", topicTitles)}
              Schedule: {schedule} ({timeZone})

            To confirm, open this link (it works for {hours} hours):

            {confirmUrl}

            If it was not you, ignore this mail: nothing will be sent to you.
            """;
        var html =
            $"""
            <p>Someone, hopefully you, asked to receive AI news digests at <b>{Encode(email)}</b>:</p>
            <ul><li>Topics: {Encode(string.Join(", ", topicTitles))}</li><li>Schedule: {Encode(schedule)} ({Encode(timeZone)})</li></ul>
            <p><a href="{Encode(confirmUrl)}" style="display:inline-block;padding:10px 18px;background:#1a56db;color:#ffffff;text-decoration:none;border-radius:6px">Confirm my subscription</a></p>
            <p style="color:#555555">The link works for {hours} hours. If it was not you, ignore this mail: nothing will be sent to you.</p>
            """;
        return Build(from, email, name, "Confirm your subscription to the AI news digest", text, html, now);
    }

    public static MimeMessage AlreadySubscribed(string from, string email, string? name, string manageUrl, string unsubscribeUrl, DateTimeOffset now)
    {
        var text =
            $"""
            Someone, hopefully you, asked to subscribe {email} to the AI news digest. This address already gets it.

            Change your topics or schedule: {manageUrl}
            Unsubscribe: {unsubscribeUrl}

            If it was not you, ignore this mail: nothing changed.
            """;
        var html =
            $"""
            <p>Someone, hopefully you, asked to subscribe <b>{Encode(email)}</b> to the AI news digest. This address already gets it.</p>
            <p><a href="{Encode(manageUrl)}">Change your topics or schedule</a> · <a href="{Encode(unsubscribeUrl)}">Unsubscribe</a></p>
            <p style="color:#555555">If it was not you, ignore this mail: nothing changed.</p>
            """;
        return Build(from, email, name, "You already get the AI news digest", text, html, now);
    }

    private static MimeMessage Build(string from, string email, string? name, string subject, string text, string htmlBody, DateTimeOffset now)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(new MailboxAddress(name ?? string.Empty, email));
        message.Subject = subject;
        message.Date = now;
        message.MessageId = MimeUtils.GenerateMessageId(sender.Domain.Length > 0 ? sender.Domain : "monitor.local");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var html =
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>{Encode(subject)}</title></head>
            <body style="font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;line-height:1.5;max-width:560px;margin:0 auto;padding:16px">
            {htmlBody}
            </body></html>
            """;
        message.Body = new BodyBuilder { TextBody = text.ReplaceLineEndings("\n"), HtmlBody = html.ReplaceLineEndings("\n") }.ToMessageBody();

        // Quoted-printable where a part is not plain ASCII (names, topic titles), so any relay and the outbox file carry it intact.
        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
