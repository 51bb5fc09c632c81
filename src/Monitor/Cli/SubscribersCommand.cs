using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Subscriptions;

namespace Monitor.Cli;

/// <summary>
/// <c>subscribers [list]</c>: everyone from feeds.json and the subscription store, with source and status;
/// <c>subscribers add EMAIL --topics a,b [...]</c>: a confirmed stored subscription (no confirmation mail);
/// <c>subscribers remove EMAIL</c>: marks a stored subscription unsubscribed. A running service picks changes up within
/// <c>Monitor:ConfigReloadInterval</c>.
/// </summary>
internal static class SubscribersCommand
{
    private static readonly string[] Header = ["EMAIL", "SOURCE", "STATUS", "SCHEDULE", "TIME ZONE", "TOPICS"];
    private static readonly Argument<string> AddEmail = new("email") { Description = "Email address" };
    private static readonly Argument<string> RemoveEmail = new("email") { Description = "Email address of a stored subscription" };
    private static readonly Option<string> Topics = new("--topics") { Description = "Topic ids from feeds.json, comma-separated", Required = true };
    private static readonly Option<string?> Name = new("--name") { Description = "Display name" };
    private static readonly Option<string?> Schedule = new("--schedule") { Description = "immediate, hourly, daily HH:MM, weekly DAY HH:MM or a Quartz cron expression (default daily 08:00)" };
    private static readonly Option<string?> TimeZone = new("--time-zone") { Description = "IANA time zone id, e.g. Europe/Berlin (default UTC)" };

    public static Command Create(CliContext context)
    {
        var command = new Command("subscribers", "List, add and remove subscribers (feeds.json and the subscription store)");
        command.SetAction((parse, ct) => ListAsync(context, parse, ct));

        var list = new Command("list", "Every subscriber from feeds.json and the subscription store, with source and status");
        list.SetAction((parse, ct) => ListAsync(context, parse, ct));
        command.Subcommands.Add(list);

        var add = new Command("add", "Add a subscription, confirmed at once (no confirmation mail); replaces the preferences of an existing one");
        add.Arguments.Add(AddEmail);
        add.Options.Add(Topics);
        add.Options.Add(Name);
        add.Options.Add(Schedule);
        add.Options.Add(TimeZone);
        add.SetAction((parse, ct) => AddAsync(context, parse, ct));
        command.Subcommands.Add(add);

        var remove = new Command("remove", "Unsubscribe a stored subscription (feeds.json subscribers are removed by editing the file)");
        remove.Arguments.Add(RemoveEmail);
        remove.SetAction((parse, ct) => RemoveAsync(context, parse, ct));
        command.Subcommands.Add(remove);
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
        var stored = (await host.Services.GetRequiredService<SubscriptionService>().ListAsync(cancellationToken)).ToDictionary(s => s.Email, StringComparer.OrdinalIgnoreCase);
        var known = active.Feeds.Topics.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var rows = new List<string[]> { Header };
        foreach (var subscriber in active.Feeds.Subscribers)
        {
            stored.TryGetValue(subscriber.Email, out var subscription);
            var status = SubscriptionService.IsOptOut(subscription) ? $"opted out {Day(subscription!.UnsubscribedAt)}" : "active";
            rows.Add([subscriber.Email, "feeds.json", status, subscriber.Schedule.Text, subscriber.TimeZone.Id, string.Join(",", subscriber.Topics)]);
        }

        foreach (var subscription in stored.Values.Where(s => active.FindSubscriber(s.Email) is null).OrderBy(s => s.Email, StringComparer.Ordinal))
        {
            var status = subscription.Status switch
            {
                SubscriptionStatus.Confirmed => $"confirmed {Day(subscription.ConfirmedAt)}",
                SubscriptionStatus.Pending => $"pending since {Day(subscription.UpdatedAt)}",
                _ => $"unsubscribed {Day(subscription.UnsubscribedAt)}",
            };
            var topics = string.Join(",", subscription.Topics.Select(t => known.Contains(t) ? t : t + "(not in feeds.json)"));
            rows.Add([subscription.Email, "store", status, subscription.Schedule, subscription.TimeZone, topics]);
        }

        var widths = Enumerable.Range(0, rows[0].Length - 1).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = string.Concat(row.Take(widths.Length).Select((cell, i) => cell.PadRight(widths[i] + 2))) + row[^1];
            await context.Out.WriteLineAsync(line.TrimEnd());
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> AddAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = context.BuildHost(parse, scheduling: false);
        if (await Preflight.ReadyAsync(host, context.Error, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var active = host.Services.GetRequiredService<ConfigStore>().Current;
        if (!SubscriptionInput.TryCreate(
                parse.GetValue(AddEmail), parse.GetValue(Name), [parse.GetValue(Topics) ?? string.Empty], parse.GetValue(Schedule), parse.GetValue(TimeZone), active, web: false, out var input, out var problems))
        {
            foreach (var problem in problems)
            {
                await context.Error.WriteLineAsync($"error: {problem}");
            }

            return ExitCodes.InvalidConfig;
        }

        var service = host.Services.GetRequiredService<SubscriptionService>();
        var before = (await service.ListAsync(cancellationToken)).FirstOrDefault(s => s.Email == input.Email);
        if (await service.AddConfirmedAsync(input, cancellationToken) is { } refusal)
        {
            await context.Error.WriteLineAsync($"error: {refusal}");
            return ExitCodes.InvalidConfig;
        }

        var verb = before switch
        {
            null => "added",
            { Status: SubscriptionStatus.Confirmed } => "updated",
            { Status: SubscriptionStatus.Unsubscribed } => $"added again (had unsubscribed {Day(before.UnsubscribedAt)})",
            _ => "added (its pending request is confirmed)",
        };
        await context.Out.WriteLineAsync($"{input.Email}: {verb}, confirmed: topics {string.Join(", ", input.Topics)}; {input.Schedule.Text} ({input.TimeZone.Id})");
        return ExitCodes.Ok;
    }

    private static async Task<int> RemoveAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var email = (parse.GetValue(RemoveEmail) ?? string.Empty).Trim().ToLowerInvariant();
        using var host = context.BuildHost(parse, scheduling: false);
        if (await Preflight.ReadyAsync(host, context.Error, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var active = host.Services.GetRequiredService<ConfigStore>().Current;
        var service = host.Services.GetRequiredService<SubscriptionService>();
        var stored = (await service.ListAsync(cancellationToken)).FirstOrDefault(s => s.Email == email);
        if (active.FindSubscriber(email) is not null && !SubscriptionService.IsOptOut(stored))
        {
            await context.Error.WriteLineAsync($"error: {email}: defined in feeds.json: edit the file");
            return ExitCodes.InvalidConfig;
        }

        if (stored is null)
        {
            await context.Error.WriteLineAsync($"error: {email}: no such subscription (see 'subscribers list')");
            return ExitCodes.InvalidConfig;
        }

        var result = await service.UnsubscribeAsync(email, cancellationToken);
        await context.Out.WriteLineAsync(result == UnsubscribeResult.Unsubscribed ? $"{email}: unsubscribed" : $"{email}: already unsubscribed");
        return ExitCodes.Ok;
    }

    private static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";
}
