using System.Collections.Concurrent;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;

namespace Monitor.Digests.Explaining;

/// <summary>
/// For <c>--explain</c>: evaluates every keyword and exclude of every topic on an item, one rule at a time (a
/// single-keyword <see cref="TopicMatcher"/> per rule, so each outcome is exactly the matcher's), and takes each topic's
/// verdict from the real matcher. Meant for debugging commands, not for the polling path.
/// </summary>
public sealed class RuleExplainer
{
    private readonly IReadOnlyList<TopicDefinition> _topics;
    private readonly TopicMatcher _matcher;
    private readonly TimeSpan _regexTimeout;
    private readonly ConcurrentDictionary<string, TopicMatcher> _single = new(StringComparer.Ordinal);

    public RuleExplainer(IReadOnlyList<TopicDefinition> topics, TimeSpan regexTimeout)
    {
        _topics = topics;
        _regexTimeout = regexTimeout;
        _matcher = TopicMatcher.Create(topics, regexTimeout);
    }

    /// <summary>Every topic (or only <paramref name="topicIds"/>, in that order) with every rule's outcome.</summary>
    public IReadOnlyList<TopicExplanation> Explain(MatchInput input, IReadOnlyCollection<string>? topicIds = null)
    {
        var verdicts = _matcher.Evaluate(input).ToDictionary(e => e.TopicId, e => e.IsMatch, StringComparer.Ordinal);
        var topics = topicIds is null
            ? _topics
            : topicIds.Select(id => _topics.FirstOrDefault(t => t.Id == id)).OfType<TopicDefinition>().ToList();
        return topics
            .Select(topic => new TopicExplanation(
                topic.Id,
                topic.Title,
                verdicts.GetValueOrDefault(topic.Id),
                (topic.Keywords ?? []).Distinct(StringComparer.Ordinal).Select(k => Outcome(k, isExclude: false, input)).ToArray(),
                (topic.Exclude ?? []).Distinct(StringComparer.Ordinal).Select(k => Outcome(k, isExclude: true, input)).ToArray()))
            .ToArray();
    }

    /// <summary>Readable lines: the topic and its verdict, then one line per rule ("keyword 'DeepSeek': title, summary").</summary>
    public static IEnumerable<string> Format(IEnumerable<TopicExplanation> explanations)
    {
        foreach (var topic in explanations)
        {
            yield return $"{topic.TopicId} ({topic.TopicTitle}): {topic.Verdict}";
            var width = topic.Keywords.Concat(topic.Excludes).Select(r => r.Keyword.Length).DefaultIfEmpty(0).Max() + 2;
            foreach (var rule in topic.Keywords.Concat(topic.Excludes))
            {
                var label = $"{(rule.IsExclude ? "exclude" : "keyword")} {("'" + rule.Keyword + "'").PadRight(width)}";
                yield return $"  {(rule.Found ? "+" : "-")} {label} {(rule.Found ? "found in " + Fields(rule) : "not found")}";
            }
        }
    }

    /// <summary>"title, summary".</summary>
    public static string Fields(RuleOutcome rule) => string.Join(", ", rule.Fields.Select(f => f.ToString().ToLowerInvariant()));

    private RuleOutcome Outcome(string keyword, bool isExclude, MatchInput input)
    {
        var matcher = _single.GetOrAdd(keyword, k => TopicMatcher.Create([new TopicDefinition("rule", k, [k], [])], _regexTimeout));
        var hits = matcher.Evaluate(input)[0].Hits;
        return new RuleOutcome(keyword, isExclude, hits.Select(h => h.Field).Distinct().Order().ToArray());
    }
}
