using System.CommandLine;

namespace Monitor.Cli;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string> Config = new("--config")
    {
        Description = "Path of feeds.json (default: $MONITOR_CONFIG, else ./feeds.json)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MONITOR_CONFIG") is { Length: > 0 } path ? path : "feeds.json",
        Recursive = true,
    };

    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data folder (SQLite database and outbox); default: Monitor:DataDir, ./data",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log details to stderr",
        Recursive = true,
    };
}
