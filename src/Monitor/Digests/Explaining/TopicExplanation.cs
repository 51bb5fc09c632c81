namespace Monitor.Digests.Explaining;

/// <summary>Every rule of one topic evaluated on one item, and the topic's verdict (as the matcher decided it).</summary>
public sealed record TopicExplanation(
    string TopicId,
    string TopicTitle,
    bool IsMatch,
    IReadOnlyList<RuleOutcome> Keywords,
    IReadOnlyList<RuleOutcome> Excludes)
{
    /// <summary>The first exclude found (the one that removed the item), if any.</summary>
    public RuleOutcome? ExcludedBy => Excludes.FirstOrDefault(e => e.Found);

    /// <summary>"MATCH", "EXCLUDED by 'sponsored' (title)" or "no match".</summary>
    public string Verdict =>
        IsMatch ? "MATCH"
        : ExcludedBy is { } exclude && Keywords.Any(k => k.Found) ? $"EXCLUDED by '{exclude.Keyword}' ({RuleExplainer.Fields(exclude)})"
        : "no match";
}
