namespace Monitor.Tests.Infrastructure;

/// <summary>
/// The standard end-to-end scenario: three feeds (RSS, Atom, JSON Feed) on a real HTTP server, one story syndicated in
/// two of them, items that must not match (markup only, excluded, too old), and two subscribers with different topics.
/// </summary>
public sealed class Scenario
{
    public const string AnalystEmail = "analyst@test.local";
    public const string TraderEmail = "trader@test.local";

    public Scenario(DateTimeOffset now)
    {
        Now = now;
        Wire =
        [
            new("wire-1", "DeepSeek V4 released with open weights", "https://news.example/deepseek-v4?utm_source=wire&utm_medium=rss", "<p>The <b>Mixture-of-Experts</b> model is out.</p>", now.AddHours(-3)),
            new("wire-2", "US tightens export rules on H100 and Blackwell chips", "https://news.example/export-rules", "<p>New rules from the Commerce Department.</p>", now.AddHours(-2)),
            new("wire-3", "Local bakery wins award", "https://news.example/bakery", "<p>Bread, not models.</p>", now.AddHours(-2)),
            new("wire-4", "Weekly notes", "https://news.example/notes", "<div class=\"DeepSeek\" data-topic=\"H100\">Cooking tips for the weekend</div>", now.AddHours(-1)),
            new("wire-5", "DeepSeek V1 anniversary retrospective", "https://news.example/v1-anniversary", "<p>An old story.</p>", now.AddDays(-30)),
        ];
        Lab =
        [
            new("urn:lab:1", "DeepSeek releases V4", "https://NEWS.example/deepseek-v4#comments", "<p>Same story, other outlet.</p>", now.AddMinutes(-150)),
            new("urn:lab:2", "Mixture of experts, explained", "https://lab.example/moe", "<p>How routing works.</p>", now.AddHours(-4)),
            new("urn:lab:3", "Größer, schneller: DeepSeek-Modell für Übersetzungen", "https://lab.example/uebersetzung", "<p>Für Übersetzungen ins Deutsche.</p>", now.AddHours(-6)),
        ];
        Json =
        [
            new("json-1", "深度求索发布新模型", "https://cn.example/1", "<p>深度求索今天发布了新的大模型。</p>", now.AddHours(-5)),
            new("json-2", "Sponsored: DeepSeek webinar", "https://cn.example/ad", "<p>Sign up now.</p>", now.AddHours(-5)),
        ];
    }

    public DateTimeOffset Now { get; }

    public List<TestItem> Wire { get; }

    public List<TestItem> Lab { get; }

    public List<TestItem> Json { get; }

    /// <summary>Titles the analyst (model releases, open weights) must get, each exactly once.</summary>
    public static IReadOnlyList<string> AnalystStories { get; } = ["DeepSeek V4 released with open weights", "Mixture of experts, explained", "深度求索发布新模型", "Größer, schneller: DeepSeek-Modell für Übersetzungen"];

    /// <summary>Titles that must reach nobody.</summary>
    public static IReadOnlyList<string> NobodyStories { get; } = ["Local bakery wins award", "Weekly notes", "DeepSeek V1 anniversary retrospective", "Sponsored: DeepSeek webinar"];

    public void Publish(FeedServer server)
    {
        server.Serve("wire.xml", FeedDocuments.Rss("Wire", Wire));
        server.Serve("lab.atom", FeedDocuments.Atom("Lab", Lab), "application/atom+xml");
        server.Serve("cn.json", FeedDocuments.Json("CN", Json), "application/feed+json");
    }

    /// <summary>The three documents by file name, for servers that are fed files.</summary>
    public IReadOnlyDictionary<string, string> Documents() => new Dictionary<string, string>
    {
        ["wire.xml"] = FeedDocuments.Rss("Wire", Wire),
        ["lab.atom"] = FeedDocuments.Atom("Lab", Lab),
        ["cn.json"] = FeedDocuments.Json("CN", Json),
    };

    public static string Config(FeedServer server, string extraFeeds = "", string analystSchedule = "daily 08:00") =>
        Config(server.Url, AnalystEmail, TraderEmail, extraFeeds, analystSchedule);

    public static string Config(Func<string, Uri> url, string analystEmail, string traderEmail, string extraFeeds = "", string analystSchedule = "daily 08:00") => $$"""
        // fixture config
        {
          "feeds": [
            { "id": "wire", "url": "{{url("wire.xml")}}", "title": "Wire" },
            { "id": "lab", "url": "{{url("lab.atom")}}", "title": "Lab" },
            { "id": "cn", "url": "{{url("cn.json")}}", "title": "CN" },
            {{extraFeeds}}
          ],
          "topics": [
            { "id": "model-releases", "title": "Modell-Veröffentlichungen · 模型发布", "keywords": ["DeepSeek", "深度求索", "Mixture-of-Experts"], "exclude": ["sponsored"] },
            { "id": "export-rules", "title": "Export rules", "keywords": ["export rules", "H100", "Blackwell"] },
            { "id": "open-weights", "title": "Open weights", "keywords": ["open weights"] },
          ],
          "subscribers": [
            { "email": "{{analystEmail}}", "name": "Analyst", "topics": ["model-releases", "open-weights"], "schedule": "{{analystSchedule}}", "timeZone": "Europe/Berlin" },
            { "email": "{{traderEmail}}", "topics": ["export-rules"], "schedule": "immediate" },
          ],
        }
        """;
}
