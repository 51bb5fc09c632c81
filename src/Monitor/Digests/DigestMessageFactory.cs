using System.Globalization;
using MimeKit;
using MimeKit.Utils;
using Monitor.Digests.Highlighting;
using Monitor.Digests.Rendering;
using Monitor.Options;
using Monitor.Subscriptions;

namespace Monitor.Digests;

/// <summary>
/// Builds the MIME message of a digest: multipart/alternative (plain text + HTML from the templates), UTF-8 subject and
/// names, Message-ID, Date, List-Id, List-Unsubscribe (one-click URL per RFC 8058 when configured, mailto: fallback),
/// List-Unsubscribe-Post, Auto-Submitted and Precedence.
/// </summary>
public sealed class DigestMessageFactory(DigestRenderer renderer, UnsubscribeLinks unsubscribe)
{
    /// <summary>Shipped templates, mailto: unsubscribe only.</summary>
    public DigestMessageFactory()
        : this(new DigestRenderer(), UnsubscribeLinks.MailtoOnly)
    {
    }

    public DigestRenderer Renderer => renderer;

    /// <summary>From settings: templates (<c>Monitor:TemplatesDir</c>), regex timeout, public base URL and signing key.</summary>
    public static DigestMessageFactory FromOptions(MonitorOptions options, TimeProvider time)
    {
        var signingKey = options.Subscriptions?.SigningKey;
        var tokens = string.IsNullOrEmpty(signingKey) ? null : new UnsubscribeTokens(signingKey, time);
        return new DigestMessageFactory(
            new DigestRenderer(new DigestTemplates(options.TemplatesDir), new TermHighlighter(options.RegexTimeout)),
            new UnsubscribeLinks(options.PublicBaseUrl, tokens));
    }

    /// <summary>The subscriber's unsubscribe links for mail from <paramref name="from"/>.</summary>
    public DigestLinks LinksFor(Digest digest, string from) => unsubscribe.For(digest.Email, MailboxAddress.Parse(from));

    /// <summary>
    /// Builds and encodes one sample digest and throws it away: loads and compiles the templates, the sanitizer and the
    /// MIME encoders while there is other work (polling) to overlap with, instead of when the first digest is due.
    /// Returns false (and changes nothing) when the templates fail; the real digest reports that.
    /// </summary>
    public bool WarmUp(DateTimeOffset now)
    {
        var story = new DigestStory(
            StoryKey: "warm-up",
            TitleKeys: [],
            Title: "DeepSeek V4 released with open weights",
            Link: "https://news.example/warm-up",
            Date: now,
            Snippet: "A <b>sample</b> story: Mixture-of-Experts model with open weights.",
            Sources: ["Sample feed"],
            TopicIds: ["sample"],
            Terms: ["DeepSeek", "open weights"],
            MergedStoryKeys: ["warm-up"],
            Matches: [new TopicMatch("sample", "Sample topic", ["DeepSeek", "open weights"])],
            TitleTerms: ["DeepSeek"]);
        var digest = new Digest("reader@monitor.local", "Reader", TimeZoneInfo.Utc, now, [new DigestSection("sample", "Sample topic", [story], 1)]);
        try
        {
            Create(digest, "Monitor <monitor@monitor.local>").WriteTo(Stream.Null);
            return true;
        }
        catch (DigestTemplateException)
        {
            return false;
        }
    }

    /// <exception cref="DigestTemplateException">A template is missing, has a syntax error or fails to render.</exception>
    public MimeMessage Create(Digest digest, string from)
    {
        var sender = MailboxAddress.Parse(from);
        var domain = sender.Domain.Length > 0 ? sender.Domain : "monitor.local";
        var links = unsubscribe.For(digest.Email, sender);
        var body = new BodyBuilder
        {
            TextBody = renderer.RenderText(digest, links),
            HtmlBody = renderer.RenderHtml(digest, links),
        };

        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(new MailboxAddress(digest.Name ?? string.Empty, digest.Email));
        message.Subject = digest.Subject;
        message.Date = digest.CreatedAt;
        message.MessageId = MimeUtils.GenerateMessageId(domain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add("List-Id", $"AI news digest <digest.{domain}>");
        var unsubscribeTargets = new[] { links.UnsubscribeUrl, links.UnsubscribeMailto }.OfType<string>().Select(u => $"<{u}>").ToArray();
        if (unsubscribeTargets.Length > 0)
        {
            message.Headers.Add("List-Unsubscribe", string.Join(", ", unsubscribeTargets));
        }

        if (links.UnsubscribeUrl is not null)
        {
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Headers.Add("X-Monitor-Stories", digest.StoryCount.ToString(CultureInfo.InvariantCulture));
        message.Body = body.ToMessageBody();
        return message;
    }
}
