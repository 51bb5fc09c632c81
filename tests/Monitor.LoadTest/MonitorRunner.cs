using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Monitor.LoadTest;

/// <summary>What <c>run --once</c> printed: its closing poll line and digests.</summary>
public sealed record CycleSummary(int Updated, int NotModified, int Failed, int NewItems, int NewMatching, int DigestsSent, int StoriesSent);

/// <summary>Builds the monitor in Release and runs it as a separate process.</summary>
public sealed partial class MonitorRunner(string dll, int smtpPort)
{
    public string Dll { get; } = dll;

    /// <summary>The repository root (Monitor.sln), recorded at build time.</summary>
    public static string RepositoryRoot()
    {
        var recorded = typeof(MonitorRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Monitor.sln")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Monitor.sln); run from inside the repository");
    }

    /// <summary>
    /// <c>dotnet publish src/Monitor -c Release -r RID --self-contained</c> into <paramref name="output"/>, exactly as the
    /// container image is published (self-contained, so one native executable compiled ahead of time); own
    /// artifacts folder: no clash with other builds. Returns the <c>monitor</c> executable.
    /// </summary>
    public static async Task<string> PublishAsync(string output, TextWriter log)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo(DotNet())
        {
            ArgumentList =
            {
                "publish", Path.Combine(root, "src", "Monitor", "Monitor.csproj"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "-o", output,
                "--artifacts-path", Path.Combine(Path.GetDirectoryName(output)!, "build"), "-nologo", "-v", "q",
            },
        };
        log.WriteLine($"Building the monitor as the container image is built (the first time takes a few minutes): {ProcessMeter.Describe(start)}");
        var stats = await ProcessMeter.RunAsync(start, TimeSpan.FromMinutes(20));
        if (stats.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed (exit {stats.ExitCode}):{Environment.NewLine}{stats.Tail(40)}");
        }

        return Path.Combine(output, OperatingSystem.IsWindows() ? "monitor.exe" : "monitor");
    }

    public static string DotNet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The start info of one monitor command; only loopback SMTP, the given data folder and optionally PostgreSQL.</summary>
    public ProcessStartInfo Command(string config, string dataDir, string? postgres, params string[] args)
    {
        // A monitor.dll runs on the installed runtime (dotnet monitor.dll); the published executable runs by itself.
        var dll = Dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(dll ? DotNet() : Dll) { WorkingDirectory = dataDir };
        if (dll)
        {
            start.ArgumentList.Add(Dll);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(dataDir);
        var env = start.Environment;
        foreach (var key in env.Keys.Where(k => k.StartsWith("Monitor__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase) || k == "MONITOR_CONFIG").ToList())
        {
            env.Remove(key);
        }

        env["Monitor__Smtp__Host"] = "127.0.0.1";
        env["Monitor__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        env["Monitor__Smtp__Security"] = "None";
        env["Monitor__Smtp__From"] = "Monitor <monitor@loadtest.invalid>";
        env["Monitor__Http__Port"] = "0";
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (postgres is not null)
        {
            env["ConnectionStrings__Monitor"] = postgres;
        }

        return start;
    }

    /// <summary>One <c>run --once --send-now</c> (or without <c>--send-now</c>: only the digests that are due).</summary>
    public async Task<(ProcessStats Stats, CycleSummary Summary)> RunOnceAsync(string config, string dataDir, TimeSpan timeout, bool sendNow = true)
    {
        var stats = await ProcessMeter.RunAsync(sendNow ? Command(config, dataDir, null, "run", "--once", "--send-now") : Command(config, dataDir, null, "run", "--once"), timeout);
        if (stats.ExitCode != 0 || stats.TimedOut)
        {
            throw new InvalidOperationException($"monitor run --once failed (exit {stats.ExitCode}{(stats.TimedOut ? ", timed out" : "")}):{Environment.NewLine}{stats.Tail(40)}");
        }

        return (stats, Summarize(stats.Output));
    }

    public static CycleSummary Summarize(IReadOnlyList<string> output)
    {
        int updated = 0, notModified = 0, failed = 0, newItems = 0, newMatching = 0, digests = 0, stories = 0;
        foreach (var line in output)
        {
            if (PolledLine().Match(line) is { Success: true } polled)
            {
                updated = Int(polled.Groups["updated"]);
                notModified = Int(polled.Groups["nm"]);
                failed = Int(polled.Groups["failed"]);
                newItems = Int(polled.Groups["new"]);
                newMatching = Int(polled.Groups["matching"]);
            }
            else if (DigestLine().Match(line) is { Success: true } digest)
            {
                digests++;
                stories += Int(digest.Groups["stories"]);
            }
        }

        return new CycleSummary(updated, notModified, failed, newItems, newMatching, digests, stories);
    }

    private static int Int(Group group) => int.Parse(group.Value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Polled \d+ feeds: (?<updated>\d+) updated, (?<nm>\d+) not modified, (?<failed>\d+) failed; (?<new>\d+) new items, (?<matching>\d+) new matching")]
    private static partial Regex PolledLine();

    [GeneratedRegex(@"^Digest \S+: sent (?<stories>\d+) stor")]
    private static partial Regex DigestLine();
}
