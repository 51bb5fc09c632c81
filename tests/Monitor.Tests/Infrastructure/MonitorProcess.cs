using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Monitor.Cli;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// The real monitor executable as a separate OS process (the monitor assembly next to the tests, run with the test
/// project's dependency graph, which contains its own). Output is collected for diagnostics.
/// </summary>
public sealed class MonitorProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private MonitorProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _output);

    public static MonitorProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var bin = AppContext.BaseDirectory;
        var testName = typeof(MonitorProcess).Assembly.GetName().Name;
        return Start("dotnet", ["exec", "--depsfile", Path.Combine(bin, testName + ".deps.json"), "--runtimeconfig", Path.Combine(bin, testName + ".runtimeconfig.json"), typeof(MonitorCli).Assembly.Location, .. arguments], environment);
    }

    /// <summary>A published monitor executable (the native build the container image ships), run on this machine.</summary>
    public static MonitorProcess Start(string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new MonitorProcess(Process.Start(start)!);
    }

    /// <summary>Sends a POSIX signal (TERM, KILL) to the process.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill!.WaitForExitAsync();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null && _output.Count < 5000)
        {
            _output.Enqueue(line);
        }
    }
}
