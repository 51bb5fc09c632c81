using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Delivery;

namespace Monitor.Cli;

/// <summary><c>check</c>: validates feeds.json and settings; every problem on its own line; exit 2 if any.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("check", "Validate feeds.json and settings, print every problem, exit 2 if any");
        command.SetAction(async (parse, ct) =>
        {
            using var host = context.BuildHost(parse, scheduling: false);
            var problems = Preflight.Validate(host).ToList();
            if (Preflight.CheckDataFolder(host) is { } folderProblem)
            {
                problems.Add(folderProblem);
            }

            foreach (var problem in problems)
            {
                await context.Out.WriteLineAsync(problem);
            }

            if (problems.Count > 0)
            {
                await context.Out.WriteLineAsync($"{problems.Count} problem(s) found");
                return ExitCodes.InvalidConfig;
            }

            var store = host.Services.GetRequiredService<ConfigStore>();
            var active = store.Current.Feeds;
            await context.Out.WriteLineAsync(
                $"{Path.GetFileName(store.ConfigPath)}: OK: {active.Feeds.Count} feeds, {active.Topics.Count} topics, {active.Subscribers.Count} subscribers; " +
                $"digests go to {host.Services.GetRequiredService<IDigestTransport>().Describe()}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
