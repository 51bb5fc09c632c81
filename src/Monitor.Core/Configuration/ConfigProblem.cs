namespace Monitor.Core.Configuration;

/// <summary>One problem found in a config file, located by file name and JSON path (e.g. <c>$.topics[2].keywords[0]</c>).</summary>
public sealed record ConfigProblem(string File, string Path, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message}";
}
