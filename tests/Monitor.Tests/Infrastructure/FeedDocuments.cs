using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Monitor.Tests.Infrastructure;

/// <summary>Writes fixture feeds in the three formats Monitor reads.</summary>
public static class FeedDocuments
{
    public static string Rss(string title, IEnumerable<TestItem> items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>{E(title)}</title>
            <link>https://rss.example/</link>
            <description>fixture</description>
            {string.Concat(items.Select(i => $"""
            <item>
              <guid isPermaLink="false">{E(i.Id)}</guid>
              <title>{E(i.Title)}</title>
              <link>{E(i.Link)}</link>
              <description>{E(i.Html)}</description>
              <pubDate>{i.Published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>
              {string.Concat(i.Categories.Select(c => $"<category>{E(c)}</category>"))}
            </item>
            """))}
          </channel>
        </rss>
        """;

    public static string Atom(string title, IEnumerable<TestItem> items) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>{E(title)}</title>
          <id>urn:fixture:{E(title)}</id>
          <updated>2026-11-29T00:00:00Z</updated>
          <link rel="alternate" href="https://atom.example/"/>
          {string.Concat(items.Select(i => $"""
          <entry>
            <id>{E(i.Id)}</id>
            <title>{E(i.Title)}</title>
            <link rel="alternate" href="{E(i.Link)}"/>
            <published>{i.Published.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</published>
            <updated>{i.Published.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</updated>
            <summary type="html">{E(i.Html)}</summary>
            {string.Concat(i.Categories.Select(c => $"<category term=\"{E(c)}\"/>"))}
          </entry>
          """))}
        </feed>
        """;

    public static string Json(string title, IEnumerable<TestItem> items) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["version"] = "https://jsonfeed.org/version/1.1",
        ["title"] = title,
        ["home_page_url"] = "https://json.example/",
        ["items"] = items.Select(i => new Dictionary<string, object>
        {
            ["id"] = i.Id,
            ["url"] = i.Link,
            ["title"] = i.Title,
            ["content_html"] = i.Html,
            ["date_published"] = i.Published.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["tags"] = i.Categories,
        }).ToArray(),
    });

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
