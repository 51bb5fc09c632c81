using System.Globalization;
using System.Net;
using System.Text;

namespace Monitor.Digests;

/// <summary>Renders a digest as HTML (inline CSS, no remote content, readable on phones) and as plain text with the same content.</summary>
public static class DigestRenderer
{
    public static string RenderText(Digest digest)
    {
        var text = new StringBuilder();
        text.Append(digest.Subject).Append("\n\n");
        foreach (var section in digest.Sections)
        {
            text.Append("== ").Append(section.TopicTitle).Append(" (").Append(section.Stories.Count).Append(") ==\n\n");
            foreach (var story in section.Stories)
            {
                text.Append("* ").Append(story.Title).Append('\n');
                if (story.Link is not null)
                {
                    text.Append("  ").Append(story.Link).Append('\n');
                }

                text.Append("  ").Append(string.Join(", ", story.Sources)).Append(" · ").Append(LocalDate(story.Date, digest.TimeZone)).Append('\n');
                if (story.Snippet.Length > 0)
                {
                    text.Append("  ").Append(story.Snippet).Append('\n');
                }

                text.Append("  Matched: ").Append(string.Join(", ", story.Terms)).Append("\n\n");
            }
        }

        text.Append("-- \nSent by Monitor to ").Append(digest.Email).Append(". Times are in ").Append(digest.TimeZone.Id).Append(".\n");
        return text.ToString();
    }

    public static string RenderHtml(Digest digest)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"color-scheme\" content=\"light dark\"><title>").Append(E(digest.Subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2328;\">")
            .Append("<div style=\"max-width:640px;margin:0 auto;padding:16px;\">")
            .Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 16px;\">").Append(E(digest.Subject)).Append("</h1>");
        foreach (var section in digest.Sections)
        {
            html.Append("<h2 style=\"font-size:16px;margin:24px 0 8px;border-bottom:2px solid #0969da;padding-bottom:4px;\">")
                .Append(E(section.TopicTitle)).Append(" <span style=\"color:#656d76;font-weight:normal;\">(").Append(section.Stories.Count).Append(")</span></h2>");
            foreach (var story in section.Stories)
            {
                html.Append("<div class=\"story\" style=\"background:#ffffff;border-radius:6px;padding:12px;margin:0 0 10px;overflow-wrap:anywhere;\">")
                    .Append("<div style=\"font-size:15px;font-weight:600;line-height:1.35;\">");
                if (story.Link is not null && (story.Link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || story.Link.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
                {
                    html.Append("<a href=\"").Append(E(story.Link)).Append("\" style=\"color:#0969da;text-decoration:none;\">").Append(E(story.Title)).Append("</a>");
                }
                else
                {
                    html.Append(E(story.Title));
                }

                html.Append("</div><div style=\"font-size:12px;color:#656d76;margin:4px 0;\">")
                    .Append(E(string.Join(", ", story.Sources))).Append(" · ").Append(E(LocalDate(story.Date, digest.TimeZone)))
                    .Append("</div>");
                if (story.Snippet.Length > 0)
                {
                    html.Append("<div style=\"font-size:14px;line-height:1.45;\">").Append(E(story.Snippet)).Append("</div>");
                }

                html.Append("<div style=\"font-size:12px;color:#656d76;margin-top:6px;\">Matched: ").Append(E(string.Join(", ", story.Terms))).Append("</div></div>");
            }
        }

        html.Append("<p style=\"font-size:12px;color:#656d76;margin-top:24px;\">Sent by Monitor to ").Append(E(digest.Email))
            .Append(". Times are in ").Append(E(digest.TimeZone.Id)).Append(".</p></div></body></html>");
        return html.ToString();
    }

    public static string LocalDate(DateTimeOffset date, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(date, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
