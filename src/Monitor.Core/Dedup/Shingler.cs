using System.Buffers;
using System.Globalization;
using System.Text;
using Monitor.Core.Matching;
using Monitor.Core.Text;

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
/// <remarks>
/// Signatures are computed for every matched item while feeds are polled, so nothing here makes strings: shingles and
/// identifiers are hashed (<see cref="StableHash"/>, the same chars as ever) where they lie in the text or its
/// normalized form, into buffers the caller reuses.
/// </remarks>
internal static class Shingler
{
    /// <summary>How much of the lead is searched for identifiers that excuse a title's identifier (about three sentences).</summary>
    public const int LeadIdentifierCharacters = 400;

    /// <summary>How much of the lead is read for its first shingles: plenty for ten shingles, and a whole article is not normalized for them.</summary>
    public const int LeadCharacters = 1000;

    /// <summary>
    /// The model-variant words between spaces (" mini ", " flash "...): found in normalized text, which has a space
    /// before and after every word, by one vectorized multi-string search rather than word by word.
    /// </summary>
    private static readonly SearchValues<string> s_variants = SearchValues.Create(
        [.. new[]
        {
            "mini", "nano", "pro", "max", "ultra", "lite", "flash", "turbo", "haiku", "sonnet", "opus", "omni", "vl", "coder",
            "instruct", "scout", "maverick", "behemoth",
        }.Select(v => $" {v} ")],
        StringComparison.Ordinal);

    /// <summary>The chars that are digits (<see cref="char.IsDigit(char)"/>: "5", "５", "٣"...): <see cref="AddNumbers"/> skips to the next one.</summary>
    private static readonly SearchValues<char> s_digits = SearchValues.Create(
        [.. Enumerable.Range(char.MinValue, char.MaxValue + 1).Select(c => (char)c).Where(char.IsDigit)]);

    /// <summary>
    /// Replaces the content of <paramref name="builder"/> with the words of <paramref name="text"/> normalized by
    /// <see cref="TextNormalizer"/>, each followed by a space, and a space before the first: " w1 w2 " (" " without words).
    /// </summary>
    public static void Normalize(ReadOnlySpan<char> text, ref PooledCharBuilder builder)
    {
        builder.Clear();
        TextNormalizer.AppendPadded(text, ref builder);
    }

    /// <summary>Adds the shingles of the <paramref name="normalized"/> title (see <see cref="Normalize"/>) to <paramref name="shingles"/>.</summary>
    public static void AddTitleShingles(ReadOnlySpan<char> normalized, ShingleSettings settings, WeightedShingles shingles) =>
        AddShingles(normalized, int.MaxValue, settings.TitleWeight, settings.TitleWeight * settings.IdentifierWeight, settings.StemLength, shingles);

    /// <summary>
    /// Adds the first <see cref="ShingleSettings.LeadShingles"/> shingles of the <paramref name="normalized"/> lead (see
    /// <see cref="Normalize"/>) to <paramref name="shingles"/>; true when there were that many (false when the text ran
    /// out first).
    /// </summary>
    public static bool AddLeadShingles(ReadOnlySpan<char> normalized, ShingleSettings settings, WeightedShingles shingles) =>
        AddShingles(normalized, settings.LeadShingles, 1, settings.IdentifierWeight, settings.StemLength, shingles);

    /// <summary>
    /// Adds the <see cref="StableHash"/> of <paramref name="keyPrefix"/> followed by each number of
    /// <paramref name="text"/> with its decimal part ("GPT-4.5" → "4.5", "H100" → "100", "$34.5B" → "34.5",
    /// "1,7 Milliarden" → "1.7", "５万亿" → "5"; not the "3" of "3D") to <paramref name="hashes"/>, in order, repeats
    /// included: what tells a V3.2 from a V4, an H100 from an H200.
    /// </summary>
    public static void AddNumbers(ReadOnlySpan<char> text, char keyPrefix, List<uint> hashes)
    {
        ulong hash = 0;
        int length = 0;
        int i = 0;
        while (i <= text.Length)
        {
            if (length == 0)
            {
                // Between numbers: on to the next digit.
                int next = text[i..].IndexOfAny(s_digits);
                if (next < 0)
                {
                    return;
                }

                i += next;
            }

            char c = i < text.Length ? text[i] : ' ';
            if (char.IsDigit(c))
            {
                hash = StableHash.Append(length == 0 ? StableHash.Append(StableHash.Start, keyPrefix) : hash, (char)('0' + (int)char.GetNumericValue(c)));
                length++;
            }
            else if ((c is '.' or ',') && length > 0 && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                hash = StableHash.Append(hash, '.');
                length++;
            }
            else if (length > 0)
            {
                // "2D", "3D": dimensions, not versions ("Genie 3 generates 3D worlds" must not excuse "Genie 2").
                bool dimension = c is 'd' or 'D' && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1]));
                if (!dimension)
                {
                    hashes.Add((uint)StableHash.Mix(hash));
                }

                length = 0;
            }

            i++;
        }
    }

    /// <summary>
    /// Adds the <see cref="StableHash"/> of <paramref name="keyPrefix"/> followed by each model-variant word ("mini",
    /// "pro", "flash", "sonnet", "coder"...) of the <paramref name="normalized"/> text (as made by <see cref="Normalize"/>:
    /// a space before and after every word) to <paramref name="hashes"/>, repeats included: "Gemini 2.5 Flash" is not
    /// "Gemini 2.5 Pro".
    /// </summary>
    public static void AddVariants(ReadOnlySpan<char> normalized, char keyPrefix, List<uint> hashes)
    {
        int found;
        while ((found = normalized.IndexOfAny(s_variants)) >= 0)
        {
            // " mini ": the word is what follows the space, and the space after it comes before the next word.
            normalized = normalized[(found + 1)..];
            int end = normalized.IndexOf(' ');
            hashes.Add((uint)StableHash.Of(keyPrefix, normalized[..end]));
            normalized = normalized[end..];
        }
    }

    /// <summary>
    /// Adds the shingles of one <paramref name="normalized"/> text to <paramref name="shingles"/> in order, the first
    /// <paramref name="limit"/> only: a word with digits weighs <paramref name="identifierWeight"/>, any other shingle
    /// <paramref name="weight"/>. True when the limit was reached.
    /// </summary>
    private static bool AddShingles(ReadOnlySpan<char> normalized, int limit, int weight, int identifierWeight, int stemLength, WeightedShingles shingles)
    {
        var writer = new ShingleWriter(shingles, limit, weight);
        foreach (var word in new Words(normalized))
        {
            if (writer.IsFull)
            {
                return true;
            }

            if (IsUnspacedScriptCharacter(word))
            {
                writer.AddRunCharacter(word);
                continue;
            }

            writer.EndRun();
            if (word.ContainsAnyInRange('0', '9'))
            {
                // "v4", "h100", "32b" also give their digits, so "$32B" and "$32 billion" share "32".
                writer.Add(StableHash.Of(word), identifierWeight);
                int start = word.IndexOfAnyInRange('0', '9');
                int end = word.LastIndexOfAnyInRange('0', '9') + 1;
                if (start > 0 || end < word.Length)
                {
                    writer.Add(StableHash.Of(word[start..end]), identifierWeight);
                }

                continue;
            }

            if (word.Length == 1 || StopWords.Contains(word))
            {
                continue;
            }

            writer.Add(StableHash.Of(Stem(word, stemLength)), weight);
        }

        writer.EndRun();
        return writer.IsFull;
    }

    /// <summary>A plural "s" removed ("models" → "model", not "access"), then cut to <paramref name="length"/> characters.</summary>
    private static ReadOnlySpan<char> Stem(ReadOnlySpan<char> word, int length)
    {
        if (word.Length > 4 && word[^1] == 's' && word[^2] != 's')
        {
            word = word[..^1];
        }

        if (length > 0 && word.Length > length)
        {
            word = word[..length];
        }

        return word;
    }

    /// <summary>
    /// A one-character word of a script written without spaces: <see cref="TextNormalizer"/> makes each such character
    /// (Han, kana, Hangul, Thai...) a word of its own, so it is a single letter or mark from U+0E00 on.
    /// </summary>
    private static bool IsUnspacedScriptCharacter(ReadOnlySpan<char> word)
    {
        if (word[0] < 0x0E00 || Rune.DecodeFromUtf16(word, out var rune, out int consumed) != OperationStatus.Done || consumed != word.Length)
        {
            return false;
        }

        return rune.Value >= 0x0E00 && Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>
    /// Adds the shingles of one text in order until <see cref="IsFull"/>, character bigrams of runs of unspaced-script
    /// characters included: the same shingles, in the same order, as if each run were joined and cut into bigrams when
    /// it ends.
    /// </summary>
    private ref struct ShingleWriter(WeightedShingles shingles, int limit, int runWeight)
    {
        private int _count;
        private int _run;
        private ReadOnlySpan<char> _previousCharacter;

        /// <summary>True when the limit is reached: no more shingles are added.</summary>
        public readonly bool IsFull => _count >= limit;

        public void Add(ulong shingle, int weight)
        {
            if (_count < limit)
            {
                shingles.Add(shingle, weight);
                _count++;
            }
        }

        /// <summary>The next character of a run ("深度求索" → "深度", "度求", "求索"): its bigram with the previous one, if any.</summary>
        public void AddRunCharacter(ReadOnlySpan<char> character)
        {
            if (_run > 0)
            {
                Add(StableHash.Of(_previousCharacter, character), runWeight);
            }

            _previousCharacter = character;
            _run++;
        }

        /// <summary>The end of a run, if any: a lone character is its own shingle.</summary>
        public void EndRun()
        {
            if (_run == 1)
            {
                Add(StableHash.Of(_previousCharacter), runWeight);
            }

            _run = 0;
        }
    }

    /// <summary>The words of normalized text: the runs of chars between spaces.</summary>
    private ref struct Words(ReadOnlySpan<char> text)
    {
        private ReadOnlySpan<char> _rest = text;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly Words GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!_rest.IsEmpty)
            {
                int end = _rest.IndexOf(' ');
                if (end < 0)
                {
                    end = _rest.Length;
                }

                Current = _rest[..end];
                _rest = _rest[Math.Min(end + 1, _rest.Length)..];
                if (!Current.IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
