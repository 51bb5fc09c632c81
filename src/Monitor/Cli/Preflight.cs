using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Options;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>Checks that a command can run: settings valid, feeds.json valid, data folder writable, schema ready.</summary>
internal static class Preflight
{
    /// <summary>Validates and prepares; on failure prints every problem to <paramref name="error"/> and returns the exit code.</summary>
    public static async Task<int?> ReadyAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        var problems = Validate(host);
        if (problems.Count == 0 && await PrepareDataAsync(host, cancellationToken) is { } dataError)
        {
            problems = [dataError];
        }

        foreach (var problem in problems)
        {
            await error.WriteLineAsync(problem);
        }

        return problems.Count > 0 ? ExitCodes.InvalidConfig : null;
    }

    /// <summary>Every settings and feeds.json problem, one line each ("file: path: message").</summary>
    public static IReadOnlyList<string> Validate(IHost host)
    {
        var problems = new List<string>();
        problems.AddRange(ValidateOptions<MonitorOptions>(host));
        problems.AddRange(ValidateOptions<FetchOptions>(host));
        problems.AddRange(ValidateOptions<SmtpOptions>(host));
        problems.AddRange(ValidateOptions<HttpOptions>(host));
        if (host.Services.GetRequiredService<StorageSettings>().Validate() is { } storageProblem)
        {
            problems.Add(storageProblem);
        }

        if (problems.Count == 0)
        {
            var config = host.Services.GetRequiredService<ConfigStore>();
            problems.AddRange(config.Load().Select(p => p.ToString()));
        }

        return problems;
    }

    /// <summary>Whether the data folder can be created and written (without creating the database). Returns an error line or null.</summary>
    public static string? CheckDataFolder(IHost host)
    {
        var options = host.Services.GetRequiredService<IOptions<MonitorOptions>>().Value;
        try
        {
            Directory.CreateDirectory(options.DataDir);
            var probe = Path.Combine(options.DataDir, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"settings: Monitor:DataDir: data folder '{options.DataDir}' is not writable: {ex.Message}";
        }
    }

    /// <summary>Creates the data folder, proves it writable and migrates the database. Returns an error line or null.</summary>
    public static async Task<string?> PrepareDataAsync(IHost host, CancellationToken cancellationToken)
    {
        if (CheckDataFolder(host) is { } folderProblem)
        {
            return folderProblem;
        }

        var store = host.Services.GetRequiredService<IMonitorStore>();
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            var key = host.Services.GetRequiredService<StorageSettings>().UsesPostgres ? "ConnectionStrings:Monitor" : "Monitor:DataDir";
            return $"settings: {key}: cannot open {store.Describe()}: {ex.GetBaseException().Message}";
        }

        return null;
    }

    private static IEnumerable<string> ValidateOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IHost host)
        where T : class
    {
        try
        {
            _ = host.Services.GetRequiredService<IOptions<T>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return ex.Failures.Select(f => "settings: " + f);
        }
    }
}
