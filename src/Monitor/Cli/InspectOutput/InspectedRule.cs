namespace Monitor.Cli.InspectOutput;

/// <summary>One keyword or exclude: found or not, and in which fields.</summary>
internal sealed record InspectedRule(string Keyword, bool Found, IReadOnlyList<string> Fields);
