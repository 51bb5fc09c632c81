namespace Monitor.Core.Matching;

/// <summary>A keyword (as written in feeds.json) found in a field.</summary>
public sealed record TermHit(string Term, MatchField Field);
