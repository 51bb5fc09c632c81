using System.Text.Encodings.Web;
using System.Text.Json;
using Monitor.LoadTest.Corpus;

namespace Monitor.LoadTest;

/// <summary>The feeds.json of the load test: every corpus feed, 30 keywords in four topics, 10 subscribers.</summary>
public static class MonitorConfig
{
    public static readonly (string Id, string Title, string[] Keywords, string[] Exclude)[] Topics =
    [
        ("model-releases", "Model releases",
            ["DeepSeek", "DeepSeek V4", "GPT-5", "Gemini", "Claude", "Llama 4", "Qwen", "model release*", "/GPT-\\d/", "深度求索", "Kimi K2"],
            ["sponsored"]),
        ("export-chips", "Export rules and chips",
            ["H100", "H200", "Blackwell", "export control*", "export rules", "Ascend", "Entity List", "Exportregeln", "芯片"],
            []),
        ("open-weights", "Open weights",
            ["open weights", "open-weight", "open-source*", "Mixture-of-Experts", "MoE", "Apache 2.0", "offenen Gewichten"],
            []),
        ("research", "Research and benchmarks",
            ["benchmark*", "arXiv", "reasoning"],
            ["Chatbot Arena"]),
    ];

    public static int KeywordCount => Topics.Sum(t => t.Keywords.Length);

    /// <summary>Writes feeds.json to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<CorpusFeed> feeds, Func<CorpusFeed, Uri> url, string pollEvery = "00:15:00")
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("feeds");
        foreach (var feed in feeds)
        {
            json.WriteStartObject();
            json.WriteString("id", feed.Id);
            json.WriteString("url", url(feed).AbsoluteUri);
            json.WriteString("pollEvery", pollEvery);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("topics");
        foreach (var (id, title, keywords, exclude) in Topics)
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("title", title);
            json.WriteStartArray("keywords");
            foreach (var keyword in keywords)
            {
                json.WriteStringValue(keyword);
            }

            json.WriteEndArray();
            json.WriteStartArray("exclude");
            foreach (var keyword in exclude)
            {
                json.WriteStringValue(keyword);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("subscribers");
        string[] zones = ["Europe/Berlin", "America/New_York", "Asia/Shanghai", "UTC", "Asia/Tokyo"];
        string[] schedules = ["daily 08:00", "hourly", "weekly mon 09:00", "daily 18:30", "0 0 8,17 ? * MON-FRI"];
        for (int s = 0; s < 10; s++)
        {
            json.WriteStartObject();
            json.WriteString("email", $"reader{s + 1}@loadtest.invalid");
            json.WriteString("name", $"Reader {s + 1}");
            json.WriteStartArray("topics");
            // Each subscriber follows one to four topics.
            for (int t = 0; t < Topics.Length; t++)
            {
                if (t == s % Topics.Length || (s + t) % 3 == 0)
                {
                    json.WriteStringValue(Topics[t].Id);
                }
            }

            json.WriteEndArray();
            json.WriteString("schedule", schedules[s % schedules.Length]);
            json.WriteString("timeZone", zones[s % zones.Length]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
