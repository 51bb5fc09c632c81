namespace Monitor.Core.Configuration;

/// <summary>Either a valid config (no problems) or every problem found.</summary>
public sealed record ConfigLoadResult(FeedsConfig? Config, IReadOnlyList<ConfigProblem> Problems)
{
    public bool IsValid => Config is not null && Problems.Count == 0;
}
