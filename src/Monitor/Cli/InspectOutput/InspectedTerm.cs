namespace Monitor.Cli.InspectOutput;

/// <summary>A keyword or exclude found in one field (<c>title</c>, <c>summary</c>, <c>categories</c>).</summary>
internal sealed record InspectedTerm(string Term, string Field);
