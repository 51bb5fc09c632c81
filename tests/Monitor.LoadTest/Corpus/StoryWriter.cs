using System.Globalization;
using System.Text;

namespace Monitor.LoadTest.Corpus;

/// <summary>The language a feed is written in.</summary>
public enum CorpusLanguage
{
    English,
    German,
    Chinese,
}

/// <summary>One story as an outlet tells it: title, link, HTML body, categories.</summary>
public sealed record Story(string Title, string Link, string Html, IReadOnlyList<string> Categories, string Author);

/// <summary>Writes realistic AI-news stories (with HTML, entities, near-miss words) from a random stream.</summary>
internal static class StoryWriter
{
    /// <summary>Share of English stories about models, chips, weights and rules; the rest is everyday tech and business news.</summary>
    private const double TopicalShare = 0.3;

    private static readonly string[] NearMissSentences =
    [
        "Observers said the Geminid display would be best after midnight, away from city lights.",
        "The H1000 weighs 38 kg and runs for nine hours on a single tank, the maker said.",
        "Fans of Moebius lined up for hours outside the gallery on the first day.",
        "Supporters of deregulation said prices would fall within a year; critics were not convinced.",
        "The llamas were moved indoors before the first frost, the farmer said.",
        "Local officials said the H1000 recall covers units built between March and June.",
    ];

    public static Story Write(ref Rng rng, CorpusLanguage language, int storyNumber, bool nearMiss)
    {
        var slots = new Slots(ref rng);
        string outlet = rng.Pick(Vocabulary.Outlets);
        string title;
        var html = new StringBuilder(1024);
        IReadOnlyList<string> categories;
        switch (language)
        {
            case CorpusLanguage.German:
                title = slots.Fill(rng.Pick(Vocabulary.GermanTitles));
                WriteBody(ref rng, html, slots, Vocabulary.GermanSentences, outlet, paragraphs: rng.Next(1, 4));
                categories = PickCategories(ref rng, Vocabulary.GermanCategories);
                break;
            case CorpusLanguage.Chinese:
                title = slots.Fill(rng.Pick(Vocabulary.ChineseTitles));
                WriteBody(ref rng, html, slots, Vocabulary.ChineseSentences, outlet, paragraphs: rng.Next(2, 4));
                categories = PickCategories(ref rng, Vocabulary.ChineseCategories);
                break;
            default:
                if (nearMiss)
                {
                    title = rng.Pick(Vocabulary.NearMissTitles);
                    WriteBody(ref rng, html, slots, NearMissSentences, outlet, paragraphs: rng.Next(1, 3));
                    categories = ["Science", "Local"];
                }
                else if (rng.Chance(TopicalShare))
                {
                    if (rng.Chance(0.3))
                    {
                        title = slots.Fill(rng.Pick(Vocabulary.EnglishTitles));
                        if (rng.Chance(0.5))
                        {
                            title += " " + Headlines.Qualifier(ref rng);
                        }
                    }
                    else
                    {
                        title = Headlines.TopicalTitle(ref rng, slots.Fill("{C}"), slots.Fill("{M}"), slots.Fill("{X}"), slots.Fill("{B}"), slots.Fill("{N}"));
                    }

                    string lead = Headlines.Lead(ref rng, slots.Fill("{C}"));
                    WriteBody(ref rng, html, slots, Vocabulary.EnglishSentences, outlet, paragraphs: rng.Next(1, 4), lead: lead);
                    categories = PickCategories(ref rng, Vocabulary.EnglishCategories);
                }
                else
                {
                    // Everyday tech and business news (often about a startup), now and then with a sentence about models, chips or rules.
                    string entity = rng.Chance(0.6) ? Headlines.Startup(ref rng) : slots.Fill("{C}");
                    title = rng.Chance(0.8) ? Headlines.Title(ref rng, entity) : slots.Fill(rng.Pick(Vocabulary.GenericTitles));
                    string lead = Headlines.Lead(ref rng, entity);
                    WriteBody(ref rng, html, slots, Vocabulary.GenericSentences, outlet, paragraphs: rng.Next(1, 4), Vocabulary.EnglishSentences, lead);
                    categories = PickCategories(ref rng, Vocabulary.EnglishCategories);
                }

                break;
        }

        string slug = Slug(title, storyNumber);
        string link = string.Create(CultureInfo.InvariantCulture, $"https://{outlet}/{2025 + storyNumber % 2}/{1 + storyNumber % 12:00}/{slug}");
        return new Story(title, link, html.ToString(), categories, rng.Pick(Vocabulary.People));
    }

    private static void WriteBody(ref Rng rng, StringBuilder html, Slots slots, string[] sentences, string outlet, int paragraphs, string[]? sometimes = null, string? lead = null)
    {
        if (rng.Chance(0.1))
        {
            html.Append("<div class=\"DeepSeek article-body\" data-topic=\"open-weights\">"); // markup that must never match
        }

        if (rng.Chance(0.2))
        {
            string host = rng.Pick(Vocabulary.ImageHosts);
            html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"https://{host}/img/{rng.Next(100000, 999999)}.jpg\" alt=\"\" width=\"1200\" height=\"675\" loading=\"lazy\" /><figcaption>{slots.Fill("{P}")} / {outlet}</figcaption></figure>");
        }

        for (int p = 0; p < paragraphs; p++)
        {
            html.Append("<p>");
            int count = rng.Next(1, 4);
            for (int s = 0; s < count; s++)
            {
                if (s > 0)
                {
                    html.Append(' ');
                }

                string sentence = p == 0 && s == 0 && lead is not null
                    ? lead
                    : slots.Fill(rng.Pick(sometimes is not null && rng.Chance(0.08) ? sometimes : sentences));
                double decoration = rng.NextDouble();
                if (decoration < 0.15)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<a href=\"https://{outlet}/topics/{rng.Next(1, 500)}?ref=feed&amp;utm_source=rss\">{sentence}</a>");
                }
                else if (decoration < 0.25)
                {
                    html.Append("<strong>").Append(sentence).Append("</strong>");
                }
                else if (decoration < 0.3)
                {
                    html.Append("<em>").Append(sentence).Append("</em>&nbsp;");
                }
                else
                {
                    html.Append(sentence);
                }
            }

            html.Append("</p>\n");
            if (p == 0 && rng.Chance(0.15))
            {
                html.Append("<ul><li>").Append(slots.Fill("{M} beats {M2} on {B}")).Append("</li><li>")
                    .Append(slots.Fill("Runs on {X} and {X2}")).Append("</li></ul>\n");
            }
        }

        if (rng.Chance(0.05))
        {
            html.Append("<script type=\"text/javascript\">window.track && track('rss', \"DeepSeek V4\");</script>");
        }

        if (rng.Chance(0.1))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>The post <a href=\"https://{outlet}/\">{outlet}</a> appeared first on {outlet}.</p>");
        }

        if (html.Length > 0 && html[0] == '<' && html.ToString(0, 4) == "<div")
        {
            html.Append("</div>");
        }
    }

    private static string[] PickCategories(ref Rng rng, string[] all)
    {
        int count = rng.Next(1, 4);
        var picked = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            string category = rng.Pick(all);
            if (!picked.Contains(category))
            {
                picked.Add(category);
            }
        }

        return [.. picked];
    }

    private static string Slug(string title, int number)
    {
        var slug = new StringBuilder(title.Length + 8);
        foreach (char c in title)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }

            if (slug.Length >= 60)
            {
                break;
            }
        }

        return slug.Append(CultureInfo.InvariantCulture, $"{(slug.Length > 0 && slug[^1] == '-' ? "" : "-")}{number}").ToString();
    }

    /// <summary>The values of one story's placeholders, chosen once so that title and body agree.</summary>
    private sealed class Slots
    {
        private readonly Dictionary<char, string> _first = [];
        private readonly Dictionary<char, string> _second = [];

        public Slots(ref Rng rng)
        {
            Add('C', ref rng, Vocabulary.Companies);
            Add('M', ref rng, Vocabulary.Models);
            Add('X', ref rng, Vocabulary.Chips);
            Add('B', ref rng, Vocabulary.Benchmarks);
            Add('T', ref rng, Vocabulary.Tasks);
            Add('D', ref rng, Vocabulary.Domains);
            Add('P', ref rng, Vocabulary.People);
            Add('U', ref rng, Vocabulary.Universities);
            Add('W', ref rng, Vocabulary.Weekdays);
            Add('S', ref rng, Vocabulary.Sizes);
            _first['N'] = rng.Next(2, 200).ToString(CultureInfo.InvariantCulture);
            _second['N'] = rng.Next(200, 900).ToString(CultureInfo.InvariantCulture);
            _first['K'] = rng.Next(2, 16).ToString(CultureInfo.InvariantCulture);
            _second['K'] = _first['K'];
        }

        public string Fill(string template)
        {
            if (!template.Contains('{', StringComparison.Ordinal))
            {
                return template;
            }

            var text = new StringBuilder(template.Length + 32);
            for (int i = 0; i < template.Length; i++)
            {
                char c = template[i];
                if (c == '{' && i + 2 < template.Length)
                {
                    bool second = template[i + 2] == '2';
                    int close = template.IndexOf('}', i);
                    if (close > i && (second ? _second : _first).TryGetValue(template[i + 1], out string? value))
                    {
                        text.Append(value);
                        i = close;
                        continue;
                    }
                }

                text.Append(c);
            }

            return text.ToString();
        }

        private void Add(char key, ref Rng rng, string[] values)
        {
            int first = rng.Next(values.Length);
            int second = (first + 1 + rng.Next(values.Length - 1)) % values.Length;
            _first[key] = values[first];
            _second[key] = values[second];
        }
    }
}
