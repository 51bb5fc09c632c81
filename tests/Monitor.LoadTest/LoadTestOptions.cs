using System.Globalization;

namespace Monitor.LoadTest;

/// <summary>Command-line options of the load test.</summary>
public sealed class LoadTestOptions
{
    public const string Usage = """
        Monitor load test: a deterministic AI-news corpus served from 127.0.0.1 (Kestrel, ETag/304), a local SMTP sink,
        and the monitor's `run --once --send-now` as a separate Release process (wall, CPU, peak memory, items/s, HTTP
        200/304, mails) for a first cycle and a second one with nothing changed.

        dotnet run -c Release --project tests/Monitor.LoadTest -- [options]

          --feeds N          feeds in the corpus (default 200)
          --items M          items per feed (default 50)
          --seed S           corpus seed (default 42)
          --rss2email        also run rss2email (`apt-get install rss2email`) on the same corpus and print the ratios
          --scale A,B,C      the feed cycle (run --once, no digest due) at A, B, C feeds (e.g. 100,1000,10000), then
                             again with every feed answering 304: linearity
          --soak             memory soak: --cycles run --once cycles over a changing corpus (10% of feeds get 5 new items per cycle)
          --cycles N         soak cycles (default 200)
          --postgres CONN    PostgreSQL (clustered) mode: `run` replicas share one database; time until every feed was polled once
          --replicas A,B     replica counts for --postgres (default 1,2,3)
          --work DIR         work folder (default /tmp/monitor-loadtest)
          --monitor PATH     use this monitor executable (or monitor.dll, run with dotnet) instead of publishing src/Monitor
          --timeout SECONDS  per monitor process (default 900)
          --serve MINUTES    only serve the corpus and the SMTP sink for that long and print the monitor command to run by
                             hand (for profiling with dotnet-trace / dotnet-counters)
        Everything listens on and connects to 127.0.0.1 only.
        """;

    public int Feeds { get; private set; } = 200;

    public int Items { get; private set; } = 50;

    public int Seed { get; private set; } = 42;

    public bool Rss2Email { get; private set; }

    public IReadOnlyList<int> Scale { get; private set; } = [];

    public bool Soak { get; private set; }

    public int Cycles { get; private set; } = 200;

    public string? Postgres { get; private set; }

    public IReadOnlyList<int> Replicas { get; private set; } = [1, 2, 3];

    public string Work { get; private set; } = Path.Combine(Path.GetTempPath(), "monitor-loadtest");

    public string? MonitorDll { get; private set; }

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(900);

    public TimeSpan? Serve { get; private set; }

    /// <summary>The options, or null and a message when <paramref name="args"/> are wrong.</summary>
    public static LoadTestOptions? Parse(string[] args, out string? error)
    {
        var options = new LoadTestOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new FormatException($"{arg} needs a value");
                }

                return args[++i];
            }

            int Positive(int max)
            {
                string text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 && value <= max
                    ? value
                    : throw new FormatException($"{arg}: '{text}' is not a number between 1 and {max}");
            }

            IReadOnlyList<int> List(int max) =>
                [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text =>
                    int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0 && value <= max
                        ? value
                        : throw new FormatException($"{arg}: '{text}' is not a number between 1 and {max}"))];

            try
            {
                switch (arg)
                {
                    case "--feeds": options.Feeds = Positive(100_000); break;
                    case "--items": options.Items = Positive(1_000); break;
                    case "--seed": options.Seed = Positive(int.MaxValue); break;
                    case "--rss2email": options.Rss2Email = true; break;
                    case "--scale": options.Scale = List(100_000); break;
                    case "--soak": options.Soak = true; break;
                    case "--cycles": options.Cycles = Positive(10_000); break;
                    case "--postgres": options.Postgres = Value(); break;
                    case "--replicas": options.Replicas = List(16); break;
                    case "--work": options.Work = Path.GetFullPath(Value()); break;
                    case "--monitor": options.MonitorDll = Path.GetFullPath(Value()); break;
                    case "--timeout": options.Timeout = TimeSpan.FromSeconds(Positive(86_400)); break;
                    case "--serve": options.Serve = TimeSpan.FromMinutes(Positive(24 * 60)); break;
                    case "-h" or "--help": error = ""; return null;
                    default: throw new FormatException($"unknown option '{arg}'");
                }
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return null;
            }
        }

        return options;
    }
}
