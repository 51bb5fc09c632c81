using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Delivery;
using Monitor.Digests;
using Monitor.Feeds;

namespace Monitor.Cli;

/// <summary><c>run</c>: the scheduled service; <c>run --once [--send-now]</c>: one cycle, then exit.</summary>
internal static class RunCommand
{
    private static readonly Option<bool> Once = new("--once") { Description = "Poll every feed once, send the digests that are due, then exit" };
    private static readonly Option<bool> SendNow = new("--send-now") { Description = "With --once: send every subscriber's pending digest now, due or not" };

    /// <summary>How often the progress lines of <c>run --once</c> are written out.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    public static Command Create(CliContext context)
    {
        var command = new Command("run", "Run the monitor (default command): polls feeds on their schedules and sends digests until stopped");
        command.Options.Add(Once);
        command.Options.Add(SendNow);
        command.SetAction((parse, ct) => ExecuteAsync(context, parse, ct));
        return command;
    }

    public static void AddTo(RootCommand root, CliContext context)
    {
        root.Options.Add(Once);
        root.Options.Add(SendNow);
        root.SetAction((parse, ct) => ExecuteAsync(context, parse, ct));
    }

    private static async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var once = parse.GetValue(Once);
        var sendNow = parse.GetValue(SendNow);
        if (sendNow && !once)
        {
            await context.Error.WriteLineAsync("error: --send-now needs --once");
            return ExitCodes.InvalidConfig;
        }

        using var host = context.BuildHost(parse, scheduling: !once, quietLevel: once ? LogLevel.Warning : LogLevel.Information);

        // The feeds' HTTP pipeline (handlers, resilience, options) is built on first use, and every poll that starts
        // before it is ready waits for it: build it on another core while the settings are checked and the database
        // is opened.
        var httpReady = Task.Run(() => host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(FeedFetcher.HttpClientName).Dispose(), cancellationToken);
        if (await Preflight.ReadyAsync(host, context.Error, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        try
        {
            await httpReady;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException)
        {
            // Reported by the polls themselves, feed by feed, as any failure to fetch is.
        }

        if (!once)
        {
            var transport = host.Services.GetRequiredService<IDigestTransport>();
            var active = host.Services.GetRequiredService<ConfigStore>().Current;
            host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitor").LogInformation(
                "Monitor starting: {Feeds} feeds, {Topics} topics, {Subscribers} subscribers (feeds.json and subscription store); digests go to {Transport}",
                active.Feeds.Feeds.Count,
                active.Feeds.Topics.Count,
                (await host.Services.GetRequiredService<Subscriptions.ISubscriberDirectory>().GetSubscribersAsync(cancellationToken)).Count,
                transport.Describe());
            await host.RunAsync(cancellationToken);
            return ExitCodes.Ok;
        }

        return await RunOnceAsync(context, host, sendNow, cancellationToken);
    }

    private static async Task<int> RunOnceAsync(CliContext context, IHost host, bool sendNow, CancellationToken cancellationToken)
    {
        var runner = host.Services.GetRequiredService<CycleRunner>();
        var feedCount = host.Services.GetRequiredService<ConfigStore>().Current.Feeds.Feeds.Count;
        var done = 0;
        var gate = new Lock();
        var lines = new StringBuilder();
        var flushedAt = Stopwatch.GetTimestamp();
        var progress = new SynchronousProgress<PollResult>(r =>
        {
            lock (gate)
            {
                done++;
                lines.Append(CultureInfo.InvariantCulture, $"[{done}/{feedCount}] {Describe(r)}").AppendLine();

                // One write every tenth of a second, not one per feed: a terminal still shows the progress as it goes,
                // and a cycle of many quick answers (all "not modified") is not held up by the console.
                if (Stopwatch.GetElapsedTime(flushedAt) >= ProgressInterval)
                {
                    context.Out.Write(lines.ToString());
                    lines.Clear();
                    flushedAt = Stopwatch.GetTimestamp();
                }
            }
        });

        // Digests about to go out: get their templates ready on another core while the feeds are polled.
        var warmUp = await AnyDigestDueAsync(host, sendNow, cancellationToken)
            ? Task.Run(() => host.Services.GetRequiredService<DigestService>().Messages.WarmUp(host.Services.GetRequiredService<TimeProvider>().GetUtcNow()), cancellationToken)
            : Task.FromResult(false);
        IReadOnlyList<PollResult> polls;
        try
        {
            polls = await runner.PollAllAsync(cancellationToken, progress);
        }
        finally
        {
            lock (gate)
            {
                context.Out.Write(lines.ToString());
            }
        }

        var failed = polls.Count(p => p.Status == PollStatus.Failed);
        await context.Out.WriteLineAsync(
            $"Polled {polls.Count} feeds: {polls.Count(p => p.Status == PollStatus.Updated)} updated, " +
            $"{polls.Count(p => p.Status == PollStatus.NotModified)} not modified, {failed} failed" +
            (polls.Any(p => p.Status == PollStatus.Skipped) ? $", {polls.Count(p => p.Status == PollStatus.Skipped)} skipped" : string.Empty) + "; " +
            $"{polls.Sum(p => p.NewItemCount)} new items, {polls.Sum(p => p.NewMatches)} new matching");

        var transport = host.Services.GetRequiredService<IDigestTransport>();
        await warmUp;
        var digests = await runner.SendDigestsAsync(sendNow, cancellationToken);
        foreach (var digest in digests)
        {
            await context.Out.WriteLineAsync(digest.Status switch
            {
                DigestStatus.Sent => $"Digest {digest.Email}: sent {Stories(digest.Stories)} ({transport.Describe()})",
                DigestStatus.Empty => $"Digest {digest.Email}: nothing new",
                DigestStatus.NotDue => $"Digest {digest.Email}: not due until {Due(digest.NextDue)}",
                DigestStatus.Busy => $"Digest {digest.Email}: another instance is sending it right now",
                _ => $"Digest {digest.Email}: FAILED, {Stories(digest.Stories)} stay pending: {digest.Error}",
            });
        }

        return ExitCodes.Ok;
    }

    private static async Task<bool> AnyDigestDueAsync(IHost host, bool sendNow, CancellationToken cancellationToken)
    {
        var subscribers = await host.Services.GetRequiredService<Subscriptions.ISubscriberDirectory>().GetSubscribersAsync(cancellationToken);
        if (sendNow || subscribers.Count == 0)
        {
            return subscribers.Count > 0;
        }

        var digests = host.Services.GetRequiredService<DigestService>();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var subscriber in subscribers)
        {
            if (await digests.NextDueAsync(subscriber, cancellationToken) is not { } due || due <= now)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The subscriber's wall-clock time with its offset, then the instant in UTC: "2026-12-01 08:00 +01:00 (07:00 UTC)".</summary>
    private static string Due(DateTimeOffset? due) => due is { } at
        ? string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm zzz} ({at.UtcDateTime:HH:mm} UTC)")
        : "never";

    private static string Stories(int count) => count == 1 ? "1 story" : $"{count} stories";

    private static string Describe(PollResult result) => result.Status switch
    {
        PollStatus.Failed => $"{result.FeedId}: FAILED: {result.Error}",
        PollStatus.NotModified => $"{result.FeedId}: not modified",
        PollStatus.Skipped => $"{result.FeedId}: skipped, {result.Error}",
        _ => $"{result.FeedId}: {result.ItemsInFeed} items, {result.NewItemCount} new, {result.NewMatches} new matching"
            + (result.Held > 0 ? $", {result.Held} held back (identity churn)" : string.Empty),
    };

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and lose ordering).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
