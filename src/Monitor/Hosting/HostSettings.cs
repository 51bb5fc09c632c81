using Microsoft.Extensions.Logging;

namespace Monitor.Hosting;

/// <summary>What a command asks of the host: paths from the global options, whether the scheduler runs, extra settings.</summary>
public sealed record HostSettings(
    string ConfigPath,
    string? DataDir,
    bool Scheduling,
    LogLevel? MinimumLogLevel,
    IReadOnlyDictionary<string, string?>? Overrides);
