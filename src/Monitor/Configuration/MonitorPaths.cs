namespace Monitor.Configuration;

/// <summary>Where feeds.json is (from <c>--config</c>, default <c>./feeds.json</c>).</summary>
public sealed record MonitorPaths(string ConfigPath);
