using System.Buffers;
using System.Numerics;
using System.Text.RegularExpressions;
using Monitor.Core.Configuration;
using Monitor.Core.Text;

namespace Monitor.Core.Matching;

/// <summary>Compiled keyword rules of every topic; thread-safe and immutable once built.</summary>
/// <remarks>
/// Keyword syntax: see <see cref="KeywordSyntax"/>. Each field (title, summary, categories) is normalized once per
/// evaluation with <see cref="TextNormalizer"/> and every literal keyword of every topic is found in one
/// <see cref="LiteralPatternSet"/> scan of it; regex keywords run on the original field text with the configured
/// timeout (a timeout counts as no match).
/// </remarks>
public sealed class TopicMatcher
{
    private const byte ComputedFlag = 0x80;
    private const byte CategoriesFlag = 1 << (int)MatchField.Categories;
    private const char CategorySeparator = '\u0001'; // never in normalized text or patterns: phrases cannot span two categories
    private const int StackLimit = 256;

    private readonly CompiledTopic[] _topics;
    private readonly LiteralPatternSet _literals;
    private readonly Regex[] _regexes;

    /// <summary>Per literal pattern id: the topics (indexes, ascending) that have it as a keyword.</summary>
    private readonly int[][] _topicsOfLiteral;

    /// <summary>The topics (indexes) with a regex keyword: they can match without any literal hit.</summary>
    private readonly int[] _regexTopics;

    private TopicMatcher(CompiledTopic[] topics, LiteralPatternSet literals, Regex[] regexes, TimeSpan regexTimeout)
    {
        _topics = topics;
        _literals = literals;
        _regexes = regexes;
        RegexTimeout = regexTimeout;
        Topics = Array.AsReadOnly(Array.ConvertAll(topics, topic => topic.Definition));
        var topicsOfLiteral = new List<int>[literals.Count];
        var regexTopics = new List<int>();
        for (int t = 0; t < topics.Length; t++)
        {
            foreach (CompiledKeyword keyword in topics[t].Keywords)
            {
                if (keyword.LiteralId >= 0)
                {
                    var list = topicsOfLiteral[keyword.LiteralId] ??= [];
                    if (list.Count == 0 || list[^1] != t)
                    {
                        list.Add(t);
                    }
                }
                else if (regexTopics.Count == 0 || regexTopics[^1] != t)
                {
                    regexTopics.Add(t);
                }
            }
        }

        _topicsOfLiteral = Array.ConvertAll(topicsOfLiteral, list => list is null ? [] : list.ToArray());
        _regexTopics = [.. regexTopics];
    }

    /// <summary>The topics, in config order.</summary>
    public IReadOnlyList<TopicDefinition> Topics { get; }

    /// <summary>The match timeout of every regex keyword.</summary>
    public TimeSpan RegexTimeout { get; }

    /// <summary>Compiles <paramref name="topics"/>.</summary>
    /// <exception cref="ArgumentException">A keyword is invalid (see <see cref="KeywordSyntax.Validate"/>); the message names the topic and keyword.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="regexTimeout"/> is not positive (nor <see cref="Regex.InfiniteMatchTimeout"/>).</exception>
    public static TopicMatcher Create(IReadOnlyList<TopicDefinition> topics, TimeSpan regexTimeout)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (regexTimeout != Regex.InfiniteMatchTimeout && (regexTimeout <= TimeSpan.Zero || regexTimeout.TotalMilliseconds >= int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(regexTimeout), regexTimeout, "The regex timeout must be positive.");
        }

        var patterns = new List<string>();
        var patternIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var regexes = new List<Regex>();
        var regexIds = new Dictionary<string, int>(StringComparer.Ordinal);

        CompiledKeyword Compile(TopicDefinition topic, string keyword, string listName)
        {
            if (KeywordSyntax.TryParse(keyword, regexTimeout, out Regex? regex, out string? pattern) is { } error)
            {
                throw new ArgumentException($"Topic '{topic.Id}', {listName} '{keyword}': {error}", nameof(topics));
            }

            if (regex is not null)
            {
                string key = keyword.Trim();
                if (!regexIds.TryGetValue(key, out int regexId))
                {
                    regexId = regexes.Count;
                    regexes.Add(regex);
                    regexIds.Add(key, regexId);
                }

                return new CompiledKeyword(keyword, -1, regexId);
            }

            if (!patternIds.TryGetValue(pattern!, out int literalId))
            {
                literalId = patterns.Count;
                patterns.Add(pattern!);
                patternIds.Add(pattern!, literalId);
            }

            return new CompiledKeyword(keyword, literalId, -1);
        }

        var compiled = new CompiledTopic[topics.Count];
        for (int t = 0; t < compiled.Length; t++)
        {
            TopicDefinition topic = topics[t] ?? throw new ArgumentException($"Topic #{t} is null.", nameof(topics));
            IReadOnlyList<string> keywords = topic.Keywords ?? [];
            IReadOnlyList<string> excludes = topic.Exclude ?? [];
            compiled[t] = new CompiledTopic(
                topic,
                [.. keywords.Select(keyword => Compile(topic, keyword, "keyword")).DistinctBy(k => k.Keyword, StringComparer.Ordinal)],
                [.. excludes.Select(keyword => Compile(topic, keyword, "exclude keyword")).DistinctBy(k => k.Keyword, StringComparer.Ordinal)]);
        }

        return new TopicMatcher(compiled, new LiteralPatternSet(patterns), [.. regexes], regexTimeout);
    }

    /// <summary>Every topic, matched or not, with its hits and exclusion (for explain output).</summary>
    public IReadOnlyList<TopicEvaluation> Evaluate(MatchInput input) => Run(input, matchesOnly: false);

    /// <summary>Only the topics that match.</summary>
    public IReadOnlyList<TopicEvaluation> Match(MatchInput input) => Run(input, matchesOnly: true);

    private IReadOnlyList<TopicEvaluation> Run(MatchInput input, bool matchesOnly)
    {
        ArgumentNullException.ThrowIfNull(input);

        int literalCount = _literals.Count;
        byte[]? rentedLiterals = null;
        Span<byte> literalFields = literalCount <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rentedLiterals = ArrayPool<byte>.Shared.Rent(literalCount));
        literalFields = literalFields[..literalCount];
        literalFields.Clear();

        int regexCount = _regexes.Length;
        byte[]? rentedRegexes = null;
        Span<byte> regexFields = regexCount <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rentedRegexes = ArrayPool<byte>.Shared.Rent(regexCount));
        regexFields = regexFields[..regexCount];
        regexFields.Clear();

        int topicCount = _topics.Length;
        byte[]? rentedTopics = null;
        Span<byte> candidateTopics = topicCount <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rentedTopics = ArrayPool<byte>.Shared.Rent(topicCount));
        candidateTopics = candidateTopics[..topicCount];
        candidateTopics.Clear();

        try
        {
            if (literalCount > 0)
            {
                ScanLiterals(input, literalFields);
            }

            if (!matchesOnly)
            {
                var results = new List<TopicEvaluation>(_topics.Length);
                foreach (CompiledTopic topic in _topics)
                {
                    if (EvaluateTopic(topic, input, literalFields, regexFields, matchesOnly) is { } evaluation)
                    {
                        results.Add(evaluation);
                    }
                }

                return results;
            }

            // Only topics with a keyword hit (or a regex keyword) can match: the cost follows the hits, not the number
            // of keywords. They are evaluated in config order, as all of them would be. Most items match nothing: the
            // list is only allocated for a match.
            MarkCandidateTopics(literalFields, candidateTopics);
            List<TopicEvaluation>? matches = null;
            for (int t = candidateTopics.IndexOfAnyExcept((byte)0); t >= 0; t = NextCandidate(candidateTopics, t))
            {
                TopicEvaluation? evaluation = EvaluateTopic(_topics[t], input, literalFields, regexFields, matchesOnly);
                if (evaluation is not null)
                {
                    (matches ??= []).Add(evaluation);
                }
            }

            return matches ?? (IReadOnlyList<TopicEvaluation>)Array.Empty<TopicEvaluation>();
        }
        finally
        {
            if (rentedLiterals is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedLiterals);
            }

            if (rentedRegexes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedRegexes);
            }

            if (rentedTopics is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedTopics);
            }
        }
    }

    /// <summary>Sets candidateTopics[t] for every topic with a literal keyword found and every topic with a regex keyword.</summary>
    private void MarkCandidateTopics(ReadOnlySpan<byte> literalFields, Span<byte> candidateTopics)
    {
        for (int id = literalFields.IndexOfAnyExcept((byte)0); id >= 0; id = NextCandidate(literalFields, id))
        {
            foreach (int t in _topicsOfLiteral[id])
            {
                candidateTopics[t] = 1;
            }
        }

        foreach (int t in _regexTopics)
        {
            candidateTopics[t] = 1;
        }
    }

    /// <summary>The next index after <paramref name="current"/> whose byte is not 0, or -1.</summary>
    private static int NextCandidate(ReadOnlySpan<byte> flags, int current)
    {
        int next = flags[(current + 1)..].IndexOfAnyExcept((byte)0);
        return next < 0 ? -1 : current + 1 + next;
    }

    private void ScanLiterals(MatchInput input, Span<byte> literalFields)
    {
        var builder = new PooledCharBuilder(stackalloc char[512]);
        try
        {
            TextNormalizer.AppendPadded(input.Title ?? string.Empty, ref builder);
            _literals.Scan(builder.AsSpan(), literalFields, FieldFlag(MatchField.Title));

            builder.Clear();
            TextNormalizer.AppendPadded(input.Summary ?? string.Empty, ref builder);
            _literals.Scan(builder.AsSpan(), literalFields, FieldFlag(MatchField.Summary));

            IReadOnlyList<string>? categories = input.Categories;
            if (categories is { Count: > 0 })
            {
                builder.Clear();
                for (int c = 0; c < categories.Count; c++) // not foreach: no enumerator allocated per item
                {
                    TextNormalizer.AppendPadded(categories[c] ?? string.Empty, ref builder);
                    builder.Append(CategorySeparator);
                }

                _literals.Scan(builder.AsSpan(), literalFields, CategoriesFlag);
            }
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>The evaluation of one topic; null when <paramref name="matchesOnly"/> and it does not match.</summary>
    private TopicEvaluation? EvaluateTopic(
        CompiledTopic topic, MatchInput input, ReadOnlySpan<byte> literalFields, Span<byte> regexFields, bool matchesOnly)
    {
        int hitCount = 0;
        foreach (CompiledKeyword keyword in topic.Keywords)
        {
            hitCount += BitOperations.PopCount(Fields(keyword, input, literalFields, regexFields));
        }

        if (hitCount == 0 && matchesOnly)
        {
            return null;
        }

        TermHit? excludedBy = null;
        foreach (CompiledKeyword exclude in topic.Excludes)
        {
            byte fields = Fields(exclude, input, literalFields, regexFields);
            if (fields != 0)
            {
                excludedBy = exclude.Hits[BitOperations.TrailingZeroCount(fields)];
                break;
            }
        }

        if (excludedBy is not null && matchesOnly)
        {
            return null;
        }

        if (hitCount == 0 && excludedBy is null)
        {
            return topic.NoHits;
        }

        var hits = new TermHit[hitCount];
        int next = 0;
        foreach (CompiledKeyword keyword in topic.Keywords)
        {
            byte fields = Fields(keyword, input, literalFields, regexFields);
            for (int field = 0; fields != 0; field++, fields >>= 1)
            {
                if ((fields & 1) != 0)
                {
                    hits[next++] = keyword.Hits[field];
                }
            }
        }

        return new TopicEvaluation(topic.Definition.Id, hits, excludedBy);
    }

    /// <summary>The fields (bit i = <see cref="MatchField"/> i) where <paramref name="keyword"/> occurs.</summary>
    private byte Fields(CompiledKeyword keyword, MatchInput input, ReadOnlySpan<byte> literalFields, Span<byte> regexFields)
    {
        if (keyword.LiteralId >= 0)
        {
            return literalFields[keyword.LiteralId];
        }

        ref byte state = ref regexFields[keyword.RegexId];
        if (state == 0)
        {
            state = (byte)(ComputedFlag | RegexFields(_regexes[keyword.RegexId], input));
        }

        return (byte)(state & ~ComputedFlag);
    }

    private static byte RegexFields(Regex regex, MatchInput input)
    {
        byte fields = 0;
        if (IsMatch(regex, input.Title))
        {
            fields |= FieldFlag(MatchField.Title);
        }

        if (IsMatch(regex, input.Summary))
        {
            fields |= FieldFlag(MatchField.Summary);
        }

        if (input.Categories is { } categories)
        {
            for (int c = 0; c < categories.Count; c++) // not foreach: no enumerator allocated per item
            {
                if (IsMatch(regex, categories[c]))
                {
                    fields |= CategoriesFlag;
                    break;
                }
            }
        }

        return fields;
    }

    private static bool IsMatch(Regex regex, string? text)
    {
        if (text is null)
        {
            return false;
        }

        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // a runaway pattern on this text: no match, never an error
        }
    }

    private static byte FieldFlag(MatchField field) => (byte)(1 << (int)field);
}
