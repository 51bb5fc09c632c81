namespace Monitor.Cli.InspectOutput;

/// <summary>Every keyword and exclude of one topic, found or not (<c>--explain</c>).</summary>
internal sealed record InspectedRules(string Topic, bool Matched, IReadOnlyList<InspectedRule> Keywords, IReadOnlyList<InspectedRule> Excludes);
