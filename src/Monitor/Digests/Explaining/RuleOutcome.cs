using Monitor.Core.Matching;

namespace Monitor.Digests.Explaining;

/// <summary>One keyword or exclude of a topic, evaluated on one item: the fields it was found in (none: not found).</summary>
public sealed record RuleOutcome(string Keyword, bool IsExclude, IReadOnlyList<MatchField> Fields)
{
    public bool Found => Fields.Count > 0;
}
