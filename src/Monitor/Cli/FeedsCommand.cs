using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary><c>feeds</c>: every configured feed's health; <c>feeds enable ID</c>: clear a 410 or a back-off.</summary>
internal static class FeedsCommand
{
    private static readonly Argument<string> FeedId = new("id") { Description = "Feed id from feeds.json" };

    public static Command Create(CliContext context)
    {
        var command = new Command("feeds", "List every feed's health: last success, failures, last error, next attempt, held items");
        command.SetAction((parse, ct) => ListAsync(context, parse, ct));
        var enable = new Command("enable", "Poll a disabled (410) or backing-off feed again at the next poll");
        enable.Arguments.Add(FeedId);
        enable.SetAction((parse, ct) => EnableAsync(context, parse, ct));
        command.Subcommands.Add(enable);
        return command;
    }

    private static async Task<int> ListAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = context.BuildHost(parse, scheduling: false);
        if (await Preflight.ReadyAsync(host, context.Error, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var active = host.Services.GetRequiredService<ConfigStore>().Current;
        var states = (await host.Services.GetRequiredService<IMonitorStore>().GetFeedStatesAsync(cancellationToken)).ToDictionary(s => s.FeedId, StringComparer.Ordinal);
        foreach (var feed in active.Feeds.Feeds)
        {
            states.TryGetValue(feed.Id, out var state);
            await context.Out.WriteLineAsync($"{feed.Id}: {Status(state, feed.Url.AbsoluteUri)}");
            if (state is null || state.Url != feed.Url.AbsoluteUri)
            {
                continue;
            }

            await context.Out.WriteLineAsync($"    last success: {Time(state.LastSuccessAt)}, last attempt: {Time(state.LastAttemptAt)}, next attempt: {(state.NextAttemptAt is null ? "on schedule" : Time(state.NextAttemptAt))}");
            if (state.LastError is not null)
            {
                await context.Out.WriteLineAsync($"    last error: {state.LastError}");
            }

            if (state.PermanentUrl is not null)
            {
                await context.Out.WriteLineAsync($"    moved permanently to {state.PermanentUrl} (update feeds.json)");
            }

            if (state.HeldItems > 0)
            {
                await context.Out.WriteLineAsync($"    {state.HeldItems} item(s) held back by the identity-churn guard");
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> EnableAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(FeedId)!;
        using var host = context.BuildHost(parse, scheduling: false);
        if (await Preflight.ReadyAsync(host, context.Error, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var store = host.Services.GetRequiredService<IMonitorStore>();
        if (host.Services.GetRequiredService<ConfigStore>().Current.FindFeed(id) is null)
        {
            await context.Error.WriteLineAsync($"error: no feed '{id}' in feeds.json");
            return ExitCodes.InvalidConfig;
        }

        var state = await store.GetFeedStateAsync(id, cancellationToken);
        if (state is not null)
        {
            await store.SaveFeedStateAsync(state with { DisabledAt = null, DisabledReason = null, NextAttemptAt = null }, cancellationToken);
        }

        await context.Out.WriteLineAsync($"{id}: enabled; it is polled at its next scheduled time");
        return ExitCodes.Ok;
    }

    private static string Status(FeedState? state, string url) => state switch
    {
        null => "never polled",
        _ when state.Url != url => "never polled at its current URL",
        { IsDisabled: true } => $"DISABLED: {state.DisabledReason}",
        { ConsecutiveFailures: > 0 } => $"FAILING ({state.ConsecutiveFailures} in a row)",
        _ => $"ok ({state.LastStatus})",
    };

    private static string Time(DateTimeOffset? value) => value is { } v ? v.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "never";
}
