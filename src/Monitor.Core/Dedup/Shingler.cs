using System.Globalization;
using System.Text;
using Monitor.Core.Matching;

namespace Monitor.Core.Dedup;

/// <summary>How title and lead become weighted shingles (the values of <see cref="Default"/> were tuned on the labelled set).</summary>
/// <param name="LeadShingles">How many shingles of the lead (after stop words) count: the first words say what the story is, the rest drifts by outlet.</param>
/// <param name="TitleWeight">Weight of a title shingle; a lead shingle weighs 1.</param>
/// <param name="IdentifierWeight">Factor for words with digits ("v4", "h100", the "5" of "GPT-5"): they tell near-miss stories apart.</param>
/// <param name="StemLength">Words are cut to this many letters after a plural "s" is removed ("released", "releases" → "relea"; "Exportregeln" → "expor"); 0 keeps them whole.</param>
internal sealed record ShingleSettings(
    int LeadShingles = 10,
    int TitleWeight = 1,
    int IdentifierWeight = 3,
    int StemLength = 5)
{
    public static ShingleSettings Default { get; } = new();
}

/// <summary>
/// Turns a title and a lead into weighted shingles and identifiers. Shingles: text normalized by
/// <see cref="TextNormalizer"/>, English and German stop words and headline verbs removed (<see cref="StopWords"/>),
/// words stemmed by truncation, one-word shingles for space-separated scripts and character bigrams for scripts
/// written without spaces (Chinese, Japanese...); a shingle's weight is the largest of its occurrences, words with
/// digits weigh more. Identifiers: the numbers ("4.5", "100") and model-variant words ("mini", "flash", "sonnet") that
/// tell a story from its near-misses.
/// </summary>
internal static class Shingler
{
    /// <summary>How much of the lead is searched for identifiers that excuse a title's identifier (about three sentences).</summary>
    public const int LeadIdentifierCharacters = 400;

    /// <summary>How much of the lead is read for its first shingles: plenty for ten shingles, and a whole article is not normalized for them.</summary>
    public const int LeadCharacters = 1000;

    private static readonly HashSet<string> s_variants = new(StringComparer.Ordinal)
    {
        "mini", "nano", "pro", "max", "ultra", "lite", "flash", "turbo", "haiku", "sonnet", "opus", "omni", "vl", "coder",
        "instruct", "scout", "maverick", "behemoth",
    };

    /// <summary>The shingles of <paramref name="title"/> and <paramref name="lead"/> with their integer weights, keyed by a stable 64-bit hash.</summary>
    public static Dictionary<ulong, int> Shingles(string title, string? lead, ShingleSettings settings)
    {
        var weights = new Dictionary<ulong, int>();
        foreach (var (text, identifier) in Extract(title, int.MaxValue, settings))
        {
            Add(weights, text, settings.TitleWeight * (identifier ? settings.IdentifierWeight : 1));
        }

        if (!string.IsNullOrEmpty(lead) && settings.LeadShingles > 0)
        {
            foreach (var (text, identifier) in Extract(lead[..Math.Min(lead.Length, LeadCharacters)], settings.LeadShingles, settings))
            {
                Add(weights, text, identifier ? settings.IdentifierWeight : 1);
            }
        }

        return weights;
    }

    /// <summary>The shingles of one text in order, at most <paramref name="limit"/>.</summary>
    public static List<(string Text, bool Identifier)> Extract(string text, int limit, ShingleSettings settings)
    {
        var result = new List<(string Text, bool Identifier)>();
        var normalized = TextNormalizer.Normalize(text);
        var run = new StringBuilder();
        foreach (var range in normalized.AsSpan().Split(' '))
        {
            if (result.Count >= limit)
            {
                break;
            }

            var word = normalized.AsSpan(range);
            if (word.IsEmpty)
            {
                continue;
            }

            if (IsUnspacedScriptCharacter(word))
            {
                run.Append(word);
                continue;
            }

            FlushRun(run, result);
            if (word.ContainsAnyInRange('0', '9'))
            {
                // "v4", "h100", "32b" also give their digits, so "$32B" and "$32 billion" share "32".
                result.Add((word.ToString(), true));
                int start = word.IndexOfAnyInRange('0', '9');
                int end = word.LastIndexOfAnyInRange('0', '9') + 1;
                if (start > 0 || end < word.Length)
                {
                    result.Add((word[start..end].ToString(), true));
                }

                continue;
            }

            if (word.Length == 1 || StopWords.Contains(word))
            {
                continue;
            }

            result.Add((Stem(word, settings.StemLength), false));
        }

        FlushRun(run, result);
        if (result.Count > limit)
        {
            result.RemoveRange(limit, result.Count - limit);
        }

        return result;
    }

    /// <summary>
    /// The numbers of <paramref name="text"/> with their decimal parts ("GPT-4.5" → "4.5", "H100" → "100", "$34.5B" →
    /// "34.5", "1,7 Milliarden" → "1.7", "５万亿" → "5"; not the "3" of "3D"): what tells a V3.2 from a V4, an H100 from
    /// an H200.
    /// </summary>
    public static HashSet<string> Numbers(string text)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            if (char.IsDigit(c))
            {
                current.Append((char)('0' + (int)char.GetNumericValue(c)));
            }
            else if ((c is '.' or ',') && current.Length > 0 && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                current.Append('.');
            }
            else if (current.Length > 0)
            {
                // "2D", "3D": dimensions, not versions ("Genie 3 generates 3D worlds" must not excuse "Genie 2").
                bool dimension = c is 'd' or 'D' && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1]));
                if (!dimension)
                {
                    numbers.Add(current.ToString());
                }

                current.Clear();
            }
        }

        return numbers;
    }

    /// <summary>The model-variant words of <paramref name="text"/> ("mini", "pro", "flash", "sonnet", "coder"...): "Gemini 2.5 Flash" is not "Gemini 2.5 Pro".</summary>
    public static HashSet<string> Variants(string text) =>
        TextNormalizer.Normalize(text).Split(' ').Where(s_variants.Contains).ToHashSet(StringComparer.Ordinal);

    /// <summary>A plural "s" removed ("models" → "model", not "access"), then cut to <paramref name="length"/> characters.</summary>
    private static string Stem(ReadOnlySpan<char> word, int length)
    {
        if (word.Length > 4 && word[^1] == 's' && word[^2] != 's')
        {
            word = word[..^1];
        }

        if (length > 0 && word.Length > length)
        {
            word = word[..length];
        }

        return word.ToString();
    }

    /// <summary>Character bigrams of a run of unspaced-script characters ("深度求索" → "深度", "度求", "求索"); a lone character is its own shingle.</summary>
    private static void FlushRun(StringBuilder run, List<(string Text, bool Identifier)> result)
    {
        if (run.Length == 0)
        {
            return;
        }

        var runes = run.ToString().EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (runes.Length == 1)
        {
            result.Add((runes[0], false));
        }

        for (int i = 1; i < runes.Length; i++)
        {
            result.Add((runes[i - 1] + runes[i], false));
        }

        run.Clear();
    }

    /// <summary>
    /// A one-character word of a script written without spaces: <see cref="TextNormalizer"/> makes each such character
    /// (Han, kana, Hangul, Thai...) a word of its own, so it is a single letter or mark from U+0E00 on.
    /// </summary>
    private static bool IsUnspacedScriptCharacter(ReadOnlySpan<char> word)
    {
        if (Rune.DecodeFromUtf16(word, out var rune, out int consumed) != System.Buffers.OperationStatus.Done || consumed != word.Length)
        {
            return false;
        }

        return rune.Value >= 0x0E00 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static void Add(Dictionary<ulong, int> weights, string shingle, int weight)
    {
        var key = StableHash.Of(shingle);
        if (!weights.TryGetValue(key, out var existing) || existing < weight)
        {
            weights[key] = weight;
        }
    }
}
