using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.LoadTest.Corpus;
using Npgsql;

namespace Monitor.LoadTest;

/// <summary>The scenarios: first/second cycle (with rss2email), scale, soak, PostgreSQL replicas.</summary>
public sealed partial class LoadTestRun(LoadTestOptions options, TextWriter output)
{
    /// <summary>Monitor:MaxStoriesPerDigest (default).</summary>
    private const int MaxStoriesPerDigest = 200;

    private FeedHost _host = null!;
    private SmtpSink _sink = null!;
    private MonitorRunner _monitor = null!;

    public async Task<int> RunAsync()
    {
        Directory.CreateDirectory(options.Work);
        var dll = options.MonitorDll ?? await MonitorRunner.PublishAsync(Path.Combine(options.Work, "monitor-image"), output);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"no monitor at {dll}");
        }

        await using var host = await FeedHost.StartAsync();
        await using var sink = await SmtpSink.StartAsync();
        _host = host;
        _sink = sink;
        _monitor = new MonitorRunner(dll, sink.Port);
        output.WriteLine($"Monitor {dll}");
        output.WriteLine($"Feed server {host.BaseUrl}, SMTP sink 127.0.0.1:{sink.Port}, work folder {options.Work}, {Environment.ProcessorCount} cores");
        if (options.Serve is { } serve)
        {
            return await ServeOnlyAsync(serve);
        }

        if (options.Postgres is not null)
        {
            return await PostgresAsync(options.Postgres);
        }

        if (options.Soak)
        {
            return await SoakAsync();
        }

        if (options.Scale.Count > 0)
        {
            return await ScaleAsync();
        }

        return await CompareAsync();
    }

    /// <summary>First cycle and second (unchanged) cycle of the monitor, and of rss2email when asked.</summary>
    private async Task<int> CompareAsync()
    {
        var corpus = Serve(options.Feeds, options.Items);
        var (first, second, third) = await MonitorCyclesAsync(corpus, $"monitor-{options.Feeds}x{options.Items}");
        var rows = new List<Measurement> { first, second, third };
        Measurement? r2eFirst = null, r2eSecond = null;
        if (options.Rss2Email)
        {
            if (Rss2EmailRunner.Find() is null)
            {
                throw new InvalidOperationException("rss2email is not installed (apt-get install -y rss2email)");
            }

            var dir = Fresh($"rss2email-{options.Feeds}x{options.Items}");
            var r2e = await Rss2EmailRunner.CreateAsync(dir, corpus.Feeds, _host.Url, _sink.Port);
            Reset();
            output.WriteLine("rss2email run 1 ...");
            var run1 = await r2e.RunAsync(options.Timeout);
            r2eFirst = new Measurement("rss2email run 1", run1, _host.TakeCounts(), _sink.TakeCount(), corpus.Feeds.Count * corpus.ItemsPerFeed, corpus.Feeds.Count);
            output.WriteLine("rss2email run 2 ...");
            var run2 = await r2e.RunAsync(options.Timeout);
            r2eSecond = new Measurement("rss2email run 2", run2, _host.TakeCounts(), _sink.TakeCount(), 0, corpus.Feeds.Count);
            rows.Add(r2eFirst);
            rows.Add(r2eSecond);
            if (run1.ExitCode != 0 || run2.ExitCode != 0)
            {
                output.WriteLine($"rss2email exited {run1.ExitCode}/{run2.ExitCode}:{Environment.NewLine}{run1.Tail()}");
            }
        }

        output.WriteLine();
        Report.Table(output, rows);
        output.WriteLine();
        bool ok = true;
        if (r2eFirst is not null && r2eSecond is not null)
        {
            double wall1 = r2eFirst.Stats.Wall / first.Stats.Wall, cpu1 = r2eFirst.Stats.Cpu / first.Stats.Cpu;
            double wall2 = r2eSecond.Stats.Wall / second.Stats.Wall, wall3 = r2eSecond.Stats.Wall / third.Stats.Wall;
            output.WriteLine(
                $"rss2email / monitor: first run wall {Report.Ratio(wall1)}, CPU {Report.Ratio(cpu1)}, peak memory {Report.Ratio(r2eFirst.Stats.PeakMegabytes / first.Stats.PeakMegabytes)}; " +
                $"second run wall {Report.Ratio(wall3)} against cycle 3 (nothing to mail), {Report.Ratio(wall2)} against cycle 2 (mails the next part of the backlog)");
            output.WriteLine($"(rss2email mails every item, {r2eFirst.Mails} mails; the monitor mails one digest per subscriber, {first.Mails} mails, at most {MaxStoriesPerDigest} stories each: the rest waits)");
            if (first.Feeds == 200 && options.Items == 50)
            {
                // The issue's ratios are set for this corpus; on a small one the process start dominates both tools.
                ok &= Report.Target(output, wall1 >= 20, "first run at least 20x faster than rss2email (wall)", Report.Ratio(wall1));
                ok &= Report.Target(output, wall3 >= 3, "second run, nothing changed, at least 3x faster than rss2email (wall, cycle 3)", Report.Ratio(wall3));
            }
        }

        ok &= Targets(first, third);
        return ok ? 0 : 3;
    }

    private bool Targets(Measurement first, Measurement unchanged)
    {
        bool ok = true;
        int feeds = first.Feeds;
        if (feeds == 200 && options.Items == 50)
        {
            ok &= Report.Target(output, first.Stats.Wall < TimeSpan.FromSeconds(2), $"200 x 50 first cycle under 2 s ({first.Name})", Report.Seconds(first.Stats.Wall));
        }

        if (feeds == 1000 && options.Items == 50)
        {
            ok &= Report.Target(output, first.Stats.Wall < TimeSpan.FromSeconds(6), $"1,000 x 50 first cycle under 6 s ({first.Name})", Report.Seconds(first.Stats.Wall));
            ok &= Report.Target(output, first.Stats.PeakMegabytes < 250, $"1,000 x 50 peak memory under 250 MB ({first.Name})", Report.Megabytes(first.Stats.PeakMegabytes));
        }

        if (feeds == 10_000)
        {
            ok &= Report.Target(output, unchanged.Stats.Wall < TimeSpan.FromSeconds(10) && unchanged.Http.NotModified == feeds, "10,000 feeds all answering 304: one cycle under 10 s", $"{Report.Seconds(unchanged.Stats.Wall)} ({unchanged.Http.NotModified} x 304)");
        }

        return ok;
    }

    /// <summary>Serves the corpus for a while and prints the command that runs the monitor against it.</summary>
    private async Task<int> ServeOnlyAsync(TimeSpan duration)
    {
        var corpus = Serve(options.Feeds, options.Items);
        var dir = Fresh($"serve-{options.Feeds}x{options.Items}");
        var config = Path.Combine(dir, "feeds.json");
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        MonitorConfig.Write(config, corpus.Feeds, _host.Url);
        var command = _monitor.Command(config, data, null, "run", "--once", "--send-now");
        output.WriteLine("Run the monitor against it (delete the data folder to start over):");
        output.WriteLine($"  cd {dir} && env {string.Join(' ', command.Environment.Where(e => e.Key.StartsWith("Monitor__", StringComparison.Ordinal)).Select(e => $"{e.Key}='{e.Value}'"))} {ProcessMeter.Describe(command)}");
        output.WriteLine($"Serving for {duration.TotalMinutes:0} minutes (Ctrl+C to stop).");
        using var stop = new CancellationTokenSource(duration);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        var http = _host.TakeCounts();
        output.WriteLine($"Served {http.Ok} x 200, {http.NotModified} x 304; {_sink.TakeCount()} mails");
        return 0;
    }

    /// <summary>First and second cycle at each feed count.</summary>
    private async Task<int> ScaleAsync()
    {
        var results = new List<(int Feeds, Measurement First, Measurement Second)>();
        bool ok = true;
        foreach (var feeds in options.Scale)
        {
            var corpus = Serve(feeds, options.Items);
            var (first, second) = await PollCyclesAsync(corpus, $"scale-{feeds}x{options.Items}");
            Report.Table(output, [first, second]);
            ok &= Targets(first, second);
            results.Add((feeds, first, second));
            output.WriteLine();
        }

        output.WriteLine("Linearity of the feed cycle (run --once: fetch, parse, match, store; no digest is due; including process start):");
        output.WriteLine($"{"feeds",8}{"items",10}{"first",10}{"ms/1k items",13}{"items/s",10}{"peak",9}{"all 304",10}{"ms/1k feeds",13}{"peak",9}");
        foreach (var (feeds, first, second) in results)
        {
            int items = feeds * options.Items;
            output.WriteLine(
                $"{feeds,8}{items,10}{Report.Seconds(first.Stats.Wall),10}{(first.Stats.Wall.TotalMilliseconds / (items / 1000.0)).ToString("0.0", Report.Culture),13}" +
                $"{Report.Count(first.ItemsPerSecond),10}{Report.Megabytes(first.Stats.PeakMegabytes),9}{Report.Seconds(second.Stats.Wall),10}" +
                $"{(second.Stats.Wall.TotalMilliseconds / (feeds / 1000.0)).ToString("0", Report.Culture),13}{Report.Megabytes(second.Stats.PeakMegabytes),9}");
        }

        return ok ? 0 : 3;
    }

    /// <summary>Memory soak: <c>run --once --send-now</c> again and again while 10% of the feeds get new items each cycle.</summary>
    private async Task<int> SoakAsync()
    {
        var corpus = Serve(options.Feeds, options.Items);
        var dir = Fresh($"soak-{options.Feeds}x{options.Items}");
        var config = Path.Combine(dir, "feeds.json");
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        MonitorConfig.Write(config, corpus.Feeds, _host.Url);
        var versions = new int[corpus.Feeds.Count];
        var stats = new List<(int Cycle, ProcessStats Stats, CycleSummary Summary, HttpCounts Http, long Mails, long DbBytes)>();
        output.WriteLine($"Soak: {options.Cycles} cycles of run --once --send-now; each cycle after the first, 10% of the feeds get {corpus.NewItemsPerVersion} new items");
        output.WriteLine($"{"cycle",6}{"wall",10}{"CPU",10}{"peak RSS",10}{"200",7}{"304",7}{"new items",10}{"mails",7}{"db",9}");
        for (int cycle = 1; cycle <= options.Cycles; cycle++)
        {
            if (cycle > 1)
            {
                for (int f = 0; f < corpus.Feeds.Count; f++)
                {
                    if ((f + cycle) % 10 == 0)
                    {
                        _host.Publish(corpus.Render(f, ++versions[f]));
                    }
                }
            }

            Reset();
            var (run, summary) = await _monitor.RunOnceAsync(config, data, options.Timeout);
            long dbBytes = Directory.EnumerateFiles(data, "monitor.db*").Sum(file => new FileInfo(file).Length);
            var row = (cycle, run, summary, _host.TakeCounts(), _sink.TakeCount(), dbBytes);
            stats.Add(row);
            if (cycle <= 3 || cycle % 10 == 0 || cycle == options.Cycles)
            {
                output.WriteLine(
                    $"{cycle,6}{Report.Seconds(run.Wall),10}{Report.Seconds(run.Cpu),10}{Report.Megabytes(run.PeakMegabytes),10}{row.Item4.Ok,7}{row.Item4.NotModified,7}" +
                    $"{summary.NewItems,10}{row.Item5,7}{Report.Megabytes(dbBytes / 1048576.0),9}");
            }
        }

        var steady = stats.Skip(1).ToList(); // cycle 1 stores the whole corpus; later cycles are the steady state
        var at10 = stats[Math.Min(9, stats.Count - 1)];
        var last = stats[^1];
        output.WriteLine();
        output.WriteLine($"Peak memory at cycle {at10.Cycle}: {Report.Megabytes(at10.Stats.PeakMegabytes)}; at cycle {last.Cycle}: {Report.Megabytes(last.Stats.PeakMegabytes)} ({((last.Stats.PeakMegabytes / at10.Stats.PeakMegabytes - 1) * 100).ToString("+0.0;-0.0", Report.Culture)}%)");
        if (steady.Count > 0)
        {
            output.WriteLine($"Steady cycles 2-{last.Cycle}: peak memory min {Report.Megabytes(steady.Min(s => s.Stats.PeakMegabytes))}, median {Report.Megabytes(Median(steady.Select(s => s.Stats.PeakMegabytes)))}, max {Report.Megabytes(steady.Max(s => s.Stats.PeakMegabytes))}; wall median {Median(steady.Select(s => s.Stats.Wall.TotalSeconds)).ToString("0.00", Report.Culture)} s; database {Report.Megabytes(last.DbBytes / 1048576.0)}");
        }

        return 0;
    }

    /// <summary>
    /// PostgreSQL: for each replica count, that many `run` processes (clustered Quartz) on a fresh schema; the time until every
    /// feed has been polled once (feed_state.last_success_at), and each replica's peak memory and share of the polls.
    /// </summary>
    private async Task<int> PostgresAsync(string connectionString)
    {
        var corpus = Serve(options.Feeds, options.Items);
        var results = new List<string>();
        await WarmUpAsync(corpus);
        foreach (var replicas in options.Replicas)
        {
            string schema = string.Create(CultureInfo.InvariantCulture, $"monitor_loadtest_{replicas}_{Environment.ProcessId}");
            await ExecuteAsync(connectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};");
            var replicaConnection = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
            var dir = Fresh($"postgres-{options.Feeds}x{options.Items}-r{replicas}");
            var config = Path.Combine(dir, "feeds.json");
            MonitorConfig.Write(config, corpus.Feeds, _host.Url);
            Reset();
            output.WriteLine($"{replicas} replica(s) on schema {schema} ...");
            var processes = new List<(ProcessMeter.Running Process, int[] Polls)>();
            var clock = Stopwatch.StartNew();
            for (int r = 0; r < replicas; r++)
            {
                var data = Path.Combine(dir, $"replica{r + 1}");
                Directory.CreateDirectory(data);
                var running = ProcessMeter.Start(_monitor.Command(config, data, replicaConnection, "run"));
                var polls = new int[1];
                running.OnLine(line =>
                {
                    if (PollLogLine().IsMatch(line))
                    {
                        Interlocked.Increment(ref polls[0]);
                    }
                });
                processes.Add((running, polls));
            }

            TimeSpan? firstPoll = null, allPolled = null;
            int polled = 0;
            await using (var source = NpgsqlDataSource.Create(replicaConnection))
            {
                while (clock.Elapsed < options.Timeout && processes.All(p => !p.Process.HasExited))
                {
                    polled = await PolledFeedsAsync(source);
                    if (polled > 0 && firstPoll is null)
                    {
                        firstPoll = clock.Elapsed;
                    }

                    if (polled >= corpus.Feeds.Count)
                    {
                        allPolled = clock.Elapsed;
                        break;
                    }

                    await Task.Delay(100);
                }
            }

            var stopped = new List<ProcessStats>();
            foreach (var (process, _) in processes)
            {
                stopped.Add(await process.StopAsync(TimeSpan.FromSeconds(20)));
            }

            var http = _host.TakeCounts();
            _sink.TakeCount();
            string outcome = allPolled is { } all
                ? $"{replicas} replica(s): all {corpus.Feeds.Count} feeds polled {Report.Seconds(all)} after start (first poll at {Report.Seconds(firstPoll!.Value)}: polling took {Report.Seconds(all - firstPoll.Value)}); HTTP 200 {http.Ok}, 304 {http.NotModified}"
                : $"{replicas} replica(s): only {polled} of {corpus.Feeds.Count} feeds polled within {Report.Seconds(clock.Elapsed)}";
            output.WriteLine(outcome);
            for (int r = 0; r < processes.Count; r++)
            {
                string line = $"  replica {r + 1}: peak {Report.Megabytes(stopped[r].PeakMegabytes)}, CPU {Report.Seconds(stopped[r].Cpu)}, {processes[r].Polls[0]} polls logged, exit {stopped[r].ExitCode}";
                output.WriteLine(line);
                outcome += Environment.NewLine + line;
                if (allPolled is null || stopped[r].ExitCode != 0)
                {
                    output.WriteLine(stopped[r].Tail(20));
                }
            }

            results.Add(outcome);
            await ExecuteAsync(connectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
        }

        output.WriteLine();
        output.WriteLine($"PostgreSQL, {options.Feeds} feeds x {options.Items} items, time until every feed was polled once:");
        foreach (var result in results)
        {
            output.WriteLine(result);
        }

        return 0;
    }

    private static async Task<int> PolledFeedsAsync(NpgsqlDataSource source)
    {
        try
        {
            await using var command = source.CreateCommand("SELECT COUNT(*) FROM feed_state WHERE last_success_at IS NOT NULL");
            return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException)
        {
            return 0; // the schema is not migrated yet
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs the monitor's first cycle (<c>run --once --send-now</c>), a second one with nothing changed (<c>--send-now</c>
    /// again: it mails the next part of the backlog the first digests left pending) and a third with nothing changed and
    /// no digest due (<c>run --once</c>: polling only, what a second rss2email run does).
    /// </summary>
    private async Task<(Measurement First, Measurement Second, Measurement Third)> MonitorCyclesAsync(FeedCorpus corpus, string name)
    {
        var dir = Fresh(name);
        var config = Path.Combine(dir, "feeds.json");
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        MonitorConfig.Write(config, corpus.Feeds, _host.Url);
        int feeds = corpus.Feeds.Count;
        await WarmUpAsync(corpus);
        output.WriteLine($"monitor cycle 1 ({ProcessMeter.Describe(_monitor.Command(config, data, null, "run", "--once", "--send-now"))}) ...");
        var (run1, summary1) = await _monitor.RunOnceAsync(config, data, options.Timeout);
        var first = new Measurement("monitor cycle 1", run1, _host.TakeCounts(), _sink.TakeCount(), feeds * corpus.ItemsPerFeed, feeds);
        output.WriteLine($"  {summary1.Updated} updated, {summary1.NotModified} not modified, {summary1.Failed} failed; {summary1.NewItems} new items, {summary1.NewMatching} new matching; {summary1.DigestsSent} digests with {summary1.StoriesSent} stories");
        output.WriteLine("monitor cycle 2 (nothing changed) ...");
        var (run2, summary2) = await _monitor.RunOnceAsync(config, data, options.Timeout);
        var second = new Measurement("monitor cycle 2", run2, _host.TakeCounts(), _sink.TakeCount(), 0, feeds);
        output.WriteLine($"  {summary2.Updated} updated, {summary2.NotModified} not modified, {summary2.Failed} failed; {summary2.NewItems} new items; {summary2.DigestsSent} digests with {summary2.StoriesSent} stories");
        output.WriteLine("monitor cycle 3 (nothing changed, no digest due: run --once) ...");
        var (run3, summary3) = await _monitor.RunOnceAsync(config, data, options.Timeout, sendNow: false);
        var third = new Measurement("monitor cycle 3", run3, _host.TakeCounts(), _sink.TakeCount(), 0, feeds);
        output.WriteLine($"  {summary3.Updated} updated, {summary3.NotModified} not modified, {summary3.Failed} failed; {summary3.DigestsSent} digests");
        if (summary1.Failed > 0 || summary2.Failed > 0 || summary3.Failed > 0 || first.Http.Ok != feeds || second.Http.NotModified != feeds || third.Http.NotModified != feeds)
        {
            output.WriteLine($"  WARNING: expected {feeds} x 200 then {feeds} x 304 twice; got {first.Http.Ok} x 200 / {second.Http.NotModified} / {third.Http.NotModified} x 304; failures {summary1.Failed} / {summary2.Failed} / {summary3.Failed}");
            output.WriteLine(run1.Tail(10));
        }

        return (first, second, third);
    }

    /// <summary>
    /// The feed cycle alone: <c>run --once</c> twice (the first stores everything; no digest is due, as a new subscriber's
    /// first digest comes at its schedule), the second with every feed answering 304.
    /// </summary>
    private async Task<(Measurement First, Measurement Second)> PollCyclesAsync(FeedCorpus corpus, string name)
    {
        var dir = Fresh(name);
        var config = Path.Combine(dir, "feeds.json");
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        MonitorConfig.Write(config, corpus.Feeds, _host.Url);
        int feeds = corpus.Feeds.Count;
        await WarmUpAsync(corpus);
        output.WriteLine($"monitor cycle 1 ({ProcessMeter.Describe(_monitor.Command(config, data, null, "run", "--once"))}) ...");
        var (run1, summary1) = await _monitor.RunOnceAsync(config, data, options.Timeout, sendNow: false);
        var first = new Measurement("cycle 1 (run --once)", run1, _host.TakeCounts(), _sink.TakeCount(), feeds * corpus.ItemsPerFeed, feeds);
        output.WriteLine($"  {summary1.Updated} updated, {summary1.Failed} failed; {summary1.NewItems} new items, {summary1.NewMatching} new matching");
        var (run2, summary2) = await _monitor.RunOnceAsync(config, data, options.Timeout, sendNow: false);
        var second = new Measurement("cycle 2 (all 304)", run2, _host.TakeCounts(), _sink.TakeCount(), 0, feeds);
        output.WriteLine($"  {summary2.Updated} updated, {summary2.NotModified} not modified, {summary2.Failed} failed");
        if (summary1.Failed > 0 || summary2.Failed > 0 || first.Http.Ok != feeds || second.Http.NotModified != feeds)
        {
            output.WriteLine($"  WARNING: expected {feeds} x 200 then {feeds} x 304; got {first.Http.Ok} x 200 / {second.Http.NotModified} x 304; failures {summary1.Failed} / {summary2.Failed}");
            output.WriteLine(run1.Tail(10));
        }

        return (first, second);
    }

    /// <summary>Generates and serves a corpus; prints what it is.</summary>
    private FeedCorpus Serve(int feeds, int items)
    {
        var now = TimeProvider.System.GetUtcNow();
        var anchor = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        var corpus = FeedCorpus.Create(feeds, items, options.Seed, anchor);
        var documents = new FeedDocument[feeds];
        Parallel.For(0, feeds, f => documents[f] = corpus.Render(f));
        _host.Clear();
        foreach (var document in documents)
        {
            _host.Publish(document);
        }

        long bytes = documents.Sum(d => (long)d.Body.Length);
        var formats = corpus.Feeds.GroupBy(f => f.Format).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var languages = corpus.Feeds.GroupBy(f => f.Language).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine(
            $"Corpus: {Report.Count(feeds)} feeds x {items} items = {Report.Count((long)feeds * items)} items, {(bytes / 1048576.0).ToString("0.0", Report.Culture)} MB " +
            $"({string.Join(", ", formats)}; {string.Join(", ", languages)}); {Report.Count(corpus.SyndicatedItems)} items ({(100.0 * corpus.SyndicatedItems / ((long)feeds * items)).ToString("0.0", Report.Culture)}%) are copies of {Report.Count(corpus.SyndicatedStories)} stories syndicated in 2-5 feeds; " +
            $"seed {options.Seed}; {MonitorConfig.KeywordCount} keywords in {MonitorConfig.Topics.Length} topics, 10 subscribers; generated in {Report.Seconds(clock.Elapsed)}");
        return corpus;
    }

    /// <summary>The feed server and the SMTP sink answer once before the first measured run (both tools then meet warm servers).</summary>
    private async Task WarmUpAsync(FeedCorpus corpus)
    {
        await _host.WarmUpAsync(corpus.Feeds.Select(_host.Url));
        await _sink.WarmUpAsync();
        Reset();
    }

    private void Reset()
    {
        _host.TakeCounts();
        _sink.TakeCount();
    }

    /// <summary>A new empty folder under the work folder.</summary>
    private string Fresh(string name)
    {
        var dir = Path.Combine(options.Work, name);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        return dir;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [GeneratedRegex(@"Feed feed-\d+: \d+ items, \d+ new")]
    private static partial Regex PollLogLine();
}
