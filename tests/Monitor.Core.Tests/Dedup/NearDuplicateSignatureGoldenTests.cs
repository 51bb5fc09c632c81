using System.Globalization;
using System.Text;
using Monitor.Core.Dedup;

namespace Monitor.Core.Tests.Dedup;

/// <summary>
/// Golden fingerprints of <see cref="NearDuplicateSignature.Compute(string, string?)"/>: a few hundred generated titles
/// and leads per group (English, German, Chinese, numbers and versions, markup leftovers, edge cases, character soup,
/// the labelled pairs, other shingle settings), each signature's <see cref="NearDuplicateSignature.ToBytes"/> (weight,
/// MinHash slots, title numbers and variants, text identifiers) hashed into one value per group. The values were
/// recorded with the original, allocation-heavy implementation: any change to shingling, hashing or identifiers
/// changes them, and stored signatures and the labelled-set figures would move.
/// </summary>
[Trait("Category", "Unit")]
public sealed class NearDuplicateSignatureGoldenTests
{
    private static readonly string[] s_english =
    [
        "OpenAI", "releases", "GPT-5", "model", "with", "open", "weights", "DeepSeek", "Anthropic", "Claude", "Sonnet",
        "Gemini", "Flash", "Pro", "mini", "benchmarks", "coding", "agents", "the", "a", "of", "in", "for", "startup",
        "raises", "funding", "Series", "B", "valuation", "chips", "export", "rules", "Nvidia", "H100", "H200", "Blackwell",
        "inference", "latency", "tokens", "context", "window", "reasoning", "multimodal", "vision", "audio", "Llama",
        "Scout", "Maverick", "Behemoth", "Mistral", "Qwen", "VL", "Coder", "instruct", "turbo", "lite", "ultra", "max",
        "nano", "omni", "opus", "haiku", "models", "access", "classes", "releases", "announced", "says", "report",
        "Microsoft", "Google", "Meta", "xAI", "Grok", "regulators", "Europe", "AI", "Act", "safety", "alignment", "lab",
    ];

    private static readonly string[] s_german =
    [
        "Künstliche", "Intelligenz", "Exportregeln", "für", "Chips", "verschärft", "Bundesregierung", "Förderung",
        "Rechenzentren", "Größe", "Straße", "Übernahme", "Ärger", "Öffentlichkeit", "stellt", "vor", "neue", "Modelle",
        "kündigt", "an", "veröffentlicht", "Milliarden", "Euro", "Sprachmodell", "Datenschutz", "Aufsicht", "daß", "weiß",
        "Maßnahmen", "über", "Forschungsgruppe", "München", "Köln", "Zürich", "Gesetz", "KI-Verordnung", "Prüfung",
    ];

    private static readonly string[] s_chinese =
    [
        "深度求索", "发布", "新模型", "开源", "权重", "阿里巴巴", "通义千问", "百度", "文心一言", "芯片", "出口管制", "美国",
        "人工智能", "大模型", "推理", "训练", "融资", "亿元", "估值", "月之暗面", "字节跳动", "豆包", "智谱", "清华大学",
        "ディープラーニング", "東京", "生成AI", "モデル", "인공지능", "모델", "서울", "ปัญญาประดิษฐ์",
    ];

    private static readonly string[] s_numbers =
    [
        "V4", "V3.2", "H100", "H200", "3.5", "4.5", "GPT-4o", "o3-mini", "o3-pro", "$34.5B", "$32 billion", "1,7",
        "Milliarden", "2D", "3D", "3d", "Genie 3", "v0.9.0", "v0.9.1", "32B", "70B", "405B", "1M-token", "128k",
        "2025", "10,000", "1.000.000", "５万亿", "３Ｄ", "٣٫٥", "१२३", "Q3", "4th", "H20", "B200", "RTX 5090", "e2e",
        "7.5x", "99.9%", "$4 trillion", "$5 trillion", "3.", ".5", "1,", "12,5%", "0.0.1", "x86", "A100-80GB",
    ];

    private static readonly string[] s_markup =
    [
        "<p>", "</p>", "<b>", "</b>", "&amp;", "&nbsp;", "&#8217;", "&quot;", "<a href=\"https://example.com/x?utm_source=rss\">",
        "</a>", "<br/>", "[…]", "…", "—", "–", "«", "»", "“", "”", "‘", "’", "•", "|", "::", "->", "\t", "\n", "\r\n",
        "https://news.example/deepseek-v4?fbclid=abc123", "@openai", "#AI", "C++", "C#", ".NET", "Node.js", "e-mail",
        "l'IA", "Régulation", "naïve", "Café", "Æsir", "Œuvre", "Øresund", "ﬁnance", "Ｆｕｌｌｗｉｄｔｈ", "🚀", "🤖",
        "👩‍💻", "\u0301", "e\u0301", "\u00AD", "\u200B", "\uFEFF",
    ];

    public static TheoryData<string, string> Groups => new()
    {
        { "english", "4258C7032FF422A7" },
        { "german", "61C2526BC4895F09" },
        { "chinese", "7B18FE43154BAF89" },
        { "numbers", "EF981A82370A68DE" },
        { "markup", "4141DD05942EE0A3" },
        { "edges", "E88DAA5D76319F54" },
        { "soup", "EC80B742467E9917" },
        { "labelled", "F22EA7107AD97C9E" },
        { "settings", "63C25521F5E32B36" },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Given_generated_inputs_when_signatures_are_computed_then_they_match_the_recorded_fingerprints(string group, string expected)
    {
        var (count, fingerprint) = Fingerprint(group);

        Assert.True(count >= 100, $"{group}: only {count} inputs");
        Assert.Equal(expected, fingerprint);
    }

    [Fact]
    public void Given_inputs_computed_concurrently_when_compared_with_sequential_results_then_they_are_equal()
    {
        var inputs = Inputs("english").Concat(Inputs("chinese")).Concat(Inputs("edges")).Concat(Inputs("soup")).ToArray();
        var sequential = inputs.Select(i => NearDuplicates.Compute(i.Title, i.Lead)).ToArray();

        var concurrent = new NearDuplicateSignature[inputs.Length];
        Parallel.For(0, inputs.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            int i = n % inputs.Length;
            concurrent[i] = NearDuplicates.Compute(inputs[i].Title, inputs[i].Lead);
        });

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i]);
            Assert.Equal(sequential[i].ToString(), concurrent[i].ToString());
        }
    }

    private static (int Count, string Fingerprint) Fingerprint(string group)
    {
        ulong hash = 14695981039346656037UL;
        int count = 0;
        NearDuplicateSignature? previous = null;
        foreach (var signature in Signatures(group))
        {
            foreach (byte b in signature.ToBytes())
            {
                hash = (hash ^ b) * 1099511628211UL;
            }

            // Similarities are computed from the same data, but they are what the labelled set measures: hash them too.
            if (previous is not null)
            {
                hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(signature.Similarity(previous))) * 1099511628211UL;
            }

            hash = (hash ^ 0xFF) * 1099511628211UL;
            previous = signature;
            count++;
        }

        return (count, hash.ToString("X16", CultureInfo.InvariantCulture));
    }

    private static IEnumerable<NearDuplicateSignature> Signatures(string group)
    {
        if (group == "settings")
        {
            ShingleSettings[] settings =
            [
                new(LeadShingles: 0),
                new(LeadShingles: 1000),
                new(StemLength: 0),
                new(TitleWeight: 2, IdentifierWeight: 5),
                new(LeadShingles: 3, IdentifierWeight: 1, StemLength: 3),
            ];
            foreach (var s in settings)
            {
                foreach (var (title, lead) in Inputs("english").Take(40).Concat(Inputs("chinese").Take(20)).Concat(Inputs("edges").Take(40)))
                {
                    yield return NearDuplicateSignature.Compute(title, lead, s);
                }
            }

            yield break;
        }

        foreach (var (title, lead) in Inputs(group))
        {
            yield return NearDuplicates.Compute(title, lead);
        }
    }

    private static IEnumerable<(string Title, string? Lead)> Inputs(string group)
    {
        var random = new Generator(group);
        switch (group)
        {
            case "english":
                for (int i = 0; i < 300; i++)
                {
                    yield return (random.Text(s_english, 2, 14, numbers: 0.15), random.Lead(s_english, 0, 120, numbers: 0.1));
                }

                break;
            case "german":
                for (int i = 0; i < 200; i++)
                {
                    yield return (random.Text(s_german, 2, 12, numbers: 0.1), random.Lead(s_german, 0, 90, numbers: 0.1));
                }

                break;
            case "chinese":
                for (int i = 0; i < 200; i++)
                {
                    var title = random.Text(s_chinese, 1, 8, numbers: 0.2, separator: random.Next(3) == 0 ? " " : string.Empty);
                    var mixed = random.Next(4) == 0 ? random.Text(s_english, 1, 3, numbers: 0.3) : string.Empty;
                    yield return (title + mixed, random.Lead(s_chinese, 0, 200, numbers: 0.1, separator: random.Next(2) == 0 ? "，" : string.Empty));
                }

                break;
            case "numbers":
                for (int i = 0; i < 200; i++)
                {
                    yield return (random.Text(s_english, 1, 6, numbers: 0.6), random.Lead(s_english, 0, 60, numbers: 0.5));
                }

                break;
            case "markup":
                for (int i = 0; i < 200; i++)
                {
                    var words = random.Next(2) == 0 ? s_english : s_german;
                    yield return (random.Mixed(words, s_markup, 2, 15), random.Next(5) == 0 ? null : random.Mixed(words, s_markup, 0, 150));
                }

                break;
            case "edges":
                foreach (var edge in Edges(random))
                {
                    yield return edge;
                }

                break;
            case "soup":
                for (int i = 0; i < 300; i++)
                {
                    yield return (random.Soup(0, 80), random.Next(6) == 0 ? null : random.Soup(0, 1500));
                }

                break;
            case "labelled":
                foreach (var pair in LabelledPair.Load(LabelledPair.TuningFile).Concat(LabelledPair.Load(LabelledPair.HoldoutFile)))
                {
                    yield return (pair.TitleA, pair.LeadA);
                    yield return (pair.TitleB, pair.LeadB);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(group), group, null);
        }
    }

    private static IEnumerable<(string Title, string? Lead)> Edges(Generator random)
    {
        string lead = random.Lead(s_english, 400, 400, numbers: 0.2);
        string[] titles =
        [
            string.Empty, " ", "   \t\n", "!!!", "a", "x", "the of and", "Der die das und", "V4", "4", "3D", "2d", "H100",
            "深", "深度", "🚀", "e\u0301", "\uD83D", "\uDE80", "a\uD83Db", "mini", "MINI Pro Flash", "GPT-5 vs GPT-5",
            "1.2.3.4.5.6.7.8.9", "3,5 Prozent", "...5...", ",5", "5,", "5.", "Llama-3.1-405B-Instruct", "ｖ４ Ｈ１００",
        ];
        foreach (var title in titles)
        {
            yield return (title, null);
            yield return (title, string.Empty);
            yield return (title, lead[..80]);
        }

        // Leads cut around the 400 (identifiers) and 1000 (shingles) characters read.
        foreach (int length in new[] { 1, 10, 398, 399, 400, 401, 402, 999, 1000, 1001, 1002, 5000 })
        {
            var text = random.Lead(s_english, length / 3, length / 3, numbers: 0.3);
            while (text.Length < length)
            {
                text += " " + random.Lead(s_numbers, 5, 5, numbers: 0.5);
            }

            yield return ("OpenAI ships GPT-5.1", text[..length]);
            yield return ("DeepSeek V4", "x" + text[..(length - 1)]);
        }

        // Surrogate pairs, digits, variants and words split by the 400 and 1000 character cuts.
        foreach (int cut in new[] { 400, 1000 })
        {
            foreach (var filler in new[] { "🚀", "𝟙", "𠀀", "1.5", "flash", "深度", "V4" })
            {
                for (int shift = -3; shift <= 1; shift++)
                {
                    var text = new string('a', cut + shift) + filler + " tail words 7.5 pro";
                    yield return ("Cut test " + filler, text);
                    yield return ("Cut test", new string(' ', cut + shift) + filler + " mini 12");
                }
            }
        }

        // Very long texts, and text full of numbers and identifiers.
        yield return (random.Lead(s_english, 2000, 2000, numbers: 0.2), random.Lead(s_english, 3000, 3000, numbers: 0.2));
        yield return (string.Concat(Enumerable.Repeat("深度求索发布", 500)), string.Concat(Enumerable.Repeat("通义千问", 800)));
        yield return (string.Join(" ", Enumerable.Range(1, 300).Select(i => $"v{i}.{i % 7} mini{i}")), string.Join(", ", Enumerable.Range(1, 400).Select(i => $"{i}.{i % 7}")));
        yield return (string.Join(" ", s_english.Where(w => w.Length > 2)), string.Join(" ", s_english));
        yield return (new string('9', 3000), new string('8', 3000));
        yield return (new string('x', 3000), new string('y', 3000));
    }

    /// <summary>A deterministic pseudo-random text source (SplitMix64 seeded with the group name).</summary>
    private sealed class Generator(string seed)
    {
        private const string SoupAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-'$%&<>/\"äöüßÄÖÜéèçñ深度求索发布开源ディモデル인공지능ปัญญา５３Ｄ🚀𝟙\t\n–—…\u0301\u00AD";

        private static readonly string[] s_soupUnits = [.. SoupAlphabet.EnumerateRunes().Select(r => r.ToString())];

        private ulong _state = seed.Aggregate(0x5EEDUL, (h, c) => (h ^ c) * 1099511628211UL);

        public int Next(int max)
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong x = _state;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            x ^= x >> 31;
            return (int)(x % (ulong)max);
        }

        public string Text(string[] words, int min, int max, double numbers, string separator = " ")
        {
            int count = min + Next(max - min + 1);
            var parts = new string[count];
            for (int i = 0; i < count; i++)
            {
                parts[i] = Next(1000) < numbers * 1000 ? s_numbers[Next(s_numbers.Length)] : Case(words[Next(words.Length)]);
            }

            return string.Join(separator, parts);
        }

        public string Lead(string[] words, int min, int max, double numbers, string separator = " ")
        {
            var text = Text(words, min, max, numbers, separator);
            return Next(3) == 0 ? text.Replace(" ", ". ", StringComparison.Ordinal) : text;
        }

        public string Mixed(string[] words, string[] markup, int min, int max)
        {
            int count = min + Next(max - min + 1);
            var builder = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                int kind = Next(10);
                builder.Append(kind < 3 ? markup[Next(markup.Length)] : kind < 4 ? s_numbers[Next(s_numbers.Length)] : Case(words[Next(words.Length)]));
                if (Next(4) != 0)
                {
                    builder.Append(' ');
                }
            }

            return builder.ToString();
        }

        public string Soup(int min, int max)
        {
            int count = min + Next(max - min + 1);
            var builder = new StringBuilder();
            for (int i = 0; i < count; i++)
            {
                builder.Append(s_soupUnits[Next(s_soupUnits.Length)]);
            }

            return builder.ToString();
        }

        private string Case(string word) => Next(8) switch
        {
            0 => word.ToUpperInvariant(),
            1 => word.ToLowerInvariant(),
            _ => word,
        };
    }
}
