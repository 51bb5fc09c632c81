using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Monitor.LoadTest;

/// <summary>What one child process cost.</summary>
/// <param name="Wall">From start to exit.</param>
/// <param name="Cpu">User + system CPU time of the process (getrusage(RUSAGE_CHILDREN) around its wait; for processes run at the same time, the last /proc sample).</param>
/// <param name="PeakBytes">Peak resident set size (VmHWM from /proc/&lt;pid&gt;/status, sampled every 10 ms until exit).</param>
public sealed record ProcessStats(TimeSpan Wall, TimeSpan Cpu, long PeakBytes, int ExitCode, IReadOnlyList<string> Output, bool TimedOut)
{
    public double PeakMegabytes => PeakBytes / (1024.0 * 1024.0);

    public string Tail(int lines = 15) => string.Join(Environment.NewLine, Output.TakeLast(lines));
}

/// <summary>Starts a child process and measures its wall time, CPU time and peak memory (Linux).</summary>
public static partial class ProcessMeter
{
    private const int RusageChildren = -1;
    private static readonly Lock RusageGate = new();

    /// <summary>Runs <paramref name="start"/> to completion (killed after <paramref name="timeout"/>); only one measured process at a time.</summary>
    public static async Task<ProcessStats> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var before = ChildrenCpu();
        var running = Start(start);
        var stats = await running.WaitAsync(timeout, cancellationToken);
        var after = ChildrenCpu();
        var cpu = after - before;
        return stats with { Cpu = cpu > TimeSpan.Zero ? cpu : stats.Cpu };
    }

    /// <summary>Starts a process to be measured while it runs alongside others; stop it with <see cref="Running.StopAsync"/>.</summary>
    public static Running Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new Running(process);
        process.OutputDataReceived += (_, e) => running.Add(e.Data);
        process.ErrorDataReceived += (_, e) => running.Add(e.Data);
        running.Stopwatch.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        running.StartSampling();
        return running;
    }

    /// <summary>Sum of user and system CPU time of every child this process has waited for.</summary>
    private static TimeSpan ChildrenCpu()
    {
        lock (RusageGate)
        {
            if (!OperatingSystem.IsLinux() || GetRusage(RusageChildren, out var usage) != 0)
            {
                return TimeSpan.Zero;
            }

            long micros = (usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicroseconds + usage.SystemMicroseconds;
            return TimeSpan.FromMicroseconds(micros);
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }

    /// <summary>A started child process being sampled.</summary>
    public sealed class Running
    {
        private const int MaxLines = 2000;
        private readonly Process _process;
        private readonly Queue<string> _lines = new();
        private readonly Lock _gate = new();
        private readonly List<Action<string>> _listeners = [];
        private Task? _sampler;
        private long _peak;
        private TimeSpan _cpu;

        internal Running(Process process) => _process = process;

        public int Id => _process.Id;

        public Stopwatch Stopwatch { get; } = new();

        public bool HasExited => _process.HasExited;

        public double PeakMegabytes => Interlocked.Read(ref _peak) / (1024.0 * 1024.0);

        /// <summary>Called for every output line from now on.</summary>
        public void OnLine(Action<string> listener)
        {
            lock (_gate)
            {
                _listeners.Add(listener);
            }
        }

        /// <summary>Waits for the process to exit; kills it (and its children) after <paramref name="timeout"/>.</summary>
        public async Task<ProcessStats> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            bool timedOut = false;
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(timeout);
                try
                {
                    await _process.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    timedOut = true;
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }

            Stopwatch.Stop();
            await _sampler!;
            _process.WaitForExit(); // flushes the redirected output
            return Finish(timedOut);
        }

        /// <summary>SIGTERM, then up to <paramref name="grace"/> for a clean exit, then SIGKILL.</summary>
        public async Task<ProcessStats> StopAsync(TimeSpan grace)
        {
            if (!_process.HasExited)
            {
                _ = Kill(_process.Id, 15);
            }

            return await WaitAsync(grace);
        }

        internal void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            Action<string>[] listeners;
            lock (_gate)
            {
                _lines.Enqueue(line);
                if (_lines.Count > MaxLines)
                {
                    _lines.Dequeue();
                }

                listeners = [.. _listeners];
            }

            foreach (var listener in listeners)
            {
                listener(line);
            }
        }

        internal void StartSampling() => _sampler = Task.Run(async () =>
        {
            string status = $"/proc/{_process.Id}/status";
            while (!_process.HasExited)
            {
                Sample(status);
                await Task.Delay(10);
            }
        });

        private void Sample(string statusPath)
        {
            try
            {
                foreach (var line in File.ReadLines(statusPath))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                        long bytes = kb * 1024;
                        if (bytes > Interlocked.Read(ref _peak))
                        {
                            Interlocked.Exchange(ref _peak, bytes);
                        }

                        break;
                    }
                }

                _cpu = _process.TotalProcessorTime;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
            {
                // exited between the check and the read
            }
        }

        private ProcessStats Finish(bool timedOut)
        {
            string[] lines;
            lock (_gate)
            {
                lines = [.. _lines];
            }

            return new ProcessStats(Stopwatch.Elapsed, _cpu, Interlocked.Read(ref _peak), _process.ExitCode, lines, timedOut);
        }
    }

    /// <summary>Formats an argument list for display.</summary>
    public static string Describe(ProcessStartInfo start)
    {
        var text = new StringBuilder(start.FileName);
        foreach (var argument in start.ArgumentList)
        {
            text.Append(' ').Append(argument.Contains(' ', StringComparison.Ordinal) ? $"'{argument}'" : argument);
        }

        return text.ToString();
    }
}
