using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Monitor.Core.Configuration;

namespace Monitor.Subscriptions;

/// <summary>
/// The HTML of the subscription pages: small, self-contained (inline CSS, no scripts, images, fonts or other external
/// resources), every value HTML-encoded. Forms post back to the page's own address (<c>action=""</c>), so they keep the
/// token of the link and work under any path prefix of <c>Monitor:PublicBaseUrl</c>.
/// </summary>
internal static class SubscriptionPages
{
    public static readonly string[] ScheduleSuggestions = ["immediate", "hourly", "daily 08:00", "daily 18:00", "weekly mon 08:00"];

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>A page with a heading and paragraphs of already-encoded HTML.</summary>
    public static string Message(string title, params string[] paragraphsHtml) =>
        Layout(title, string.Concat(paragraphsHtml.Select(p => $"<p>{p}</p>")));

    public static string SubscribeForm(IReadOnlyList<TopicDefinition> topics, FormValues values, IReadOnlyList<string> problems) =>
        Layout(
            "Subscribe to the AI news digest",
            Problems(problems)
            + "<form method=\"post\" action=\"\">"
            + $"<label>Email address<input type=\"email\" name=\"email\" required maxlength=\"{SubscriptionInput.MaxEmailLength}\" value=\"{E(values.Email)}\"></label>"
            + PreferenceFields(topics, values)
            + "<p class=\"note\">We mail you a link to confirm; nothing is sent before you click it.</p>"
            + "<button type=\"submit\">Subscribe</button></form>");

    public static string ConfirmPrompt(string email, IEnumerable<string> topicTitles, string schedule, string timeZone) =>
        Layout(
            "Confirm your subscription",
            $"<p>Send the AI news digest to <b>{E(email)}</b>?</p>"
            + $"<ul><li>Topics: {E(string.Join(", ", topicTitles))}</li><li>Schedule: {E(schedule)} ({E(timeZone)})</li></ul>"
            + "<form method=\"post\" action=\"\"><button type=\"submit\">Confirm my subscription</button></form>");

    public static string UnsubscribePrompt(string email, string manageUrl) =>
        Layout(
            "Unsubscribe",
            $"<p>Stop sending the AI news digest to <b>{E(email)}</b>?</p>"
            + "<form method=\"post\" action=\"\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>"
            + $"<p class=\"note\">Or <a href=\"{E(manageUrl)}\">change your topics or schedule</a> instead.</p>");

    public static string ManageForm(string email, IReadOnlyList<TopicDefinition> topics, FormValues values, IReadOnlyList<string> problems, string? notice, string unsubscribeUrl) =>
        Layout(
            "Your digest",
            (notice is null ? string.Empty : $"<p class=\"ok\">{E(notice)}</p>")
            + Problems(problems)
            + $"<p>Preferences of <b>{E(email)}</b>.</p>"
            + "<form method=\"post\" action=\"\">"
            + PreferenceFields(topics, values)
            + "<button type=\"submit\">Save</button></form>"
            + $"<p class=\"note\"><a href=\"{E(unsubscribeUrl)}\">Unsubscribe</a></p>");

    public static string ManagedInFeedsJson(string email, IEnumerable<string> topicTitles, string schedule, string timeZone, string unsubscribeUrl) =>
        Layout(
            "Your digest",
            $"<p><b>{E(email)}</b> gets the digest as set up by the administrator:</p>"
            + $"<ul><li>Topics: {E(string.Join(", ", topicTitles))}</li><li>Schedule: {E(schedule)} ({E(timeZone)})</li></ul>"
            + "<p>To change it, ask the administrator.</p>"
            + $"<p class=\"note\"><a href=\"{E(unsubscribeUrl)}\">Unsubscribe</a></p>");

    /// <summary>Encodes text for HTML content and attribute values.</summary>
    public static string E(string? value) => Encoder.Encode(value ?? string.Empty);

    private static string PreferenceFields(IReadOnlyList<TopicDefinition> topics, FormValues values)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<label>Name (optional)<input type=\"text\" name=\"name\" maxlength=\"{SubscriptionInput.MaxNameLength}\" value=\"{E(values.Name)}\"></label>");
        html.Append("<fieldset><legend>Topics</legend>");
        foreach (var topic in topics)
        {
            var isChecked = values.Topics.Contains(topic.Id, StringComparer.Ordinal) ? " checked" : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"<label class=\"check\"><input type=\"checkbox\" name=\"topics\" value=\"{E(topic.Id)}\"{isChecked}> {E(topic.Title)}</label>");
        }

        html.Append("</fieldset>");
        html.Append(CultureInfo.InvariantCulture, $"<label>Schedule<input type=\"text\" name=\"schedule\" list=\"schedules\" value=\"{E(values.Schedule)}\"></label>");
        html.Append("<datalist id=\"schedules\">");
        foreach (var suggestion in ScheduleSuggestions)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(suggestion)}\">");
        }

        html.Append("</datalist>");
        html.Append("<p class=\"note\">immediate, hourly, daily HH:MM or weekly DAY HH:MM (e.g. weekly mon 08:00)</p>");
        html.Append(CultureInfo.InvariantCulture, $"<label>Time zone<input type=\"text\" name=\"timeZone\" value=\"{E(values.TimeZone)}\"></label>");
        html.Append("<p class=\"note\">An IANA id such as Europe/Berlin, America/New_York or UTC</p>");
        return html.ToString();
    }

    private static string Problems(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? string.Empty : $"<ul class=\"problems\">{string.Concat(problems.Select(p => $"<li>{E(p)}</li>"))}</ul>";

    private static string Layout(string title, string body) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="robots" content="noindex">
        <title>{{E(title)}}</title>
        <style>
        body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;line-height:1.5;max-width:36rem;margin:0 auto;padding:1rem}
        label{display:block;margin:.75rem 0}
        input[type=text],input[type=email]{display:block;width:100%;box-sizing:border-box;padding:.4rem;font:inherit}
        label.check{margin:.25rem 0}
        fieldset{margin:.75rem 0}
        button{font:inherit;padding:.5rem 1.2rem;cursor:pointer}
        .note{color:GrayText;font-size:.9rem}
        .problems{color:#b00020}
        .ok{color:#1b7f3b}
        </style>
        </head>
        <body>
        <main>
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>
        """;
}

/// <summary>What a preferences form shows (and gets back).</summary>
internal sealed record FormValues(string? Email, string? Name, IReadOnlyList<string> Topics, string? Schedule, string? TimeZone)
{
    public static FormValues Empty { get; } = new(null, null, [], "daily 08:00", "UTC");
}
