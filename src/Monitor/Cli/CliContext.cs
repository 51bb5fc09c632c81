using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Hosting;

namespace Monitor.Cli;

/// <summary>What a command needs to run: output writers, settings overrides (tests), and the host built from the global options.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? overrides)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public IHost BuildHost(ParseResult parse, bool scheduling, LogLevel quietLevel = LogLevel.Warning)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        return MonitorHostFactory.Build(new HostSettings(
            parse.GetValue(GlobalOptions.Config) ?? "feeds.json",
            parse.GetValue(GlobalOptions.Data),
            scheduling,
            verbose ? LogLevel.Debug : quietLevel,
            overrides));
    }
}
