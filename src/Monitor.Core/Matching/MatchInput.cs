namespace Monitor.Core.Matching;

/// <summary>What keywords are matched against: plain text only (HTML already stripped, entities decoded).</summary>
public sealed record MatchInput(string Title, string Summary, IReadOnlyList<string> Categories);
