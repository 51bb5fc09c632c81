namespace Monitor.Cli.InspectOutput;

/// <summary>A topic with at least one hit on the item: matched, or excluded by <see cref="ExcludedBy"/>.</summary>
internal sealed record InspectedTopic(string Topic, bool Matched, IReadOnlyList<InspectedTerm> Terms, InspectedTerm? ExcludedBy);
