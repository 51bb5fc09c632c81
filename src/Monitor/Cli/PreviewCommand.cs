using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Core.Matching;
using Monitor.Digests;
using Monitor.Digests.Explaining;
using Monitor.Options;
using Monitor.Storage;
using Monitor.Subscriptions;

namespace Monitor.Cli;

/// <summary><c>preview</c>: what each subscriber's next digest would contain and when it is due; sends nothing.</summary>
internal static class PreviewCommand
{
    private static readonly Option<string?> Since = new("--since") { Description = "Look back this far (e.g. 7d, 12h); default Monitor:MaxItemAge" };
    private static readonly Option<bool> ExplainRules = new("--explain") { Description = "For each story: its rank, and every keyword and exclude of the subscriber's topics evaluated on each of its items" };

    public static Command Create(CliContext context)
    {
        var command = new Command("preview", "Show which stored stories match which subscriber and what each next digest would contain; sends nothing");
        command.Options.Add(Since);
        command.Options.Add(ExplainRules);
        command.SetAction((parse, ct) => ExecuteAsync(context, parse, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        TimeSpan? window = null;
        if (parse.GetValue(Since) is { } sinceText)
        {
            if (!Durations.TryParse(sinceText, out var parsed))
            {
                await context.Error.WriteLineAsync($"error: --since '{sinceText}': expected a duration such as 7d, 12h, 30m");
                return ExitCodes.InvalidConfig;
            }

            window = parsed;
        }

        using var host = context.BuildHost(parse, scheduling: false);
        if (await Preflight.ReadyAsync(host, context.Error, cancellationToken) is { } notReady)
        {
            return notReady;
        }

        var active = host.Services.GetRequiredService<ConfigStore>().Current;
        var digests = host.Services.GetRequiredService<DigestService>();
        var store = host.Services.GetRequiredService<IMonitorStore>();
        var states = await store.GetFeedStatesAsync(cancellationToken);
        var failing = states.Where(s => s.ConsecutiveFailures > 0 && active.FindFeed(s.FeedId) is not null).ToList();
        var options = host.Services.GetRequiredService<IOptions<MonitorOptions>>().Value;
        var effectiveWindow = window ?? options.MaxItemAge;
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var recent = await store.GetMatchesSinceAsync(now - effectiveWindow, cancellationToken);
        var explainer = parse.GetValue(ExplainRules) ? new RuleExplainer(active.Feeds.Topics, options.RegexTimeout) : null;
        await context.Out.WriteLineAsync($"Matching stories first seen in the last {Durations.Format(effectiveWindow)}: {recent.Select(m => m.StoryKey).Distinct(StringComparer.Ordinal).Count()}");
        foreach (var state in failing)
        {
            await context.Out.WriteLineAsync($"Feed failing: {state.FeedId}: {state.LastError} ({state.ConsecutiveFailures} in a row)");
        }

        foreach (var subscriber in await host.Services.GetRequiredService<ISubscriberDirectory>().GetSubscribersAsync(cancellationToken))
        {
            var digest = await digests.ComposeAsync(subscriber, cancellationToken, window);
            var due = subscriber.Schedule.IsImmediate ? "after the next poll that finds something" : (await digests.NextDueAsync(subscriber, cancellationToken)) is { } d
                ? $"{DigestRenderer.LocalDate(d, subscriber.TimeZone)} {subscriber.TimeZone.Id}"
                : "never";
            await context.Out.WriteLineAsync();
            await context.Out.WriteLineAsync($"{subscriber.Email} ({subscriber.Schedule.Text}, {subscriber.TimeZone.Id}): next digest {due}");
            if (digest.StoryCount == 0)
            {
                await context.Out.WriteLineAsync("  nothing pending");
                continue;
            }

            await context.Out.WriteLineAsync($"  Subject: {digest.Subject}");
            foreach (var section in digest.Sections)
            {
                await context.Out.WriteLineAsync($"  {section.TopicTitle}:");
                var rank = 0;
                foreach (var story in section.Stories)
                {
                    await context.Out.WriteLineAsync($"    - {story.Title} [{string.Join(", ", story.Sources)}] matched {string.Join(", ", story.Terms)}");
                    if (explainer is not null)
                    {
                        await ExplainAsync(context.Out, explainer, subscriber.Topics, story, ++rank <= section.FeaturedCount, recent);
                    }
                }
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>The story's rank and, for each stored item of it, every rule of the subscriber's topics.</summary>
    private static async Task ExplainAsync(
        TextWriter output, RuleExplainer explainer, IReadOnlyCollection<string> topicIds, DigestStory story, bool featured, IReadOnlyList<StoredMatch> recent)
    {
        await output.WriteLineAsync(
            $"        rank: score {DigestRanking.Score(story)} ({story.Terms.Count} terms, {story.TitleTerms.Count} in the title, {story.Sources.Count} sources); " +
            (featured ? "shown in full" : "listed under \"more\""));
        var keys = story.MergedStoryKeys.ToHashSet(StringComparer.Ordinal);
        var items = recent.Where(m => keys.Contains(m.StoryKey)).DistinctBy(m => m.ItemId).Select(m => (Feed: m.FeedId, m.Title, m.Summary)).ToList();
        if (items.Count == 0)
        {
            items = [(Feed: string.Join(", ", story.Sources), story.Title, Summary: story.Snippet)];
        }

        foreach (var (feed, title, summary) in items)
        {
            await output.WriteLineAsync($"        item in {feed}: {title} (rules on the stored title and summary; categories are not stored)");
            foreach (var line in RuleExplainer.Format(explainer.Explain(new MatchInput(title, summary, []), topicIds)))
            {
                await output.WriteLineAsync("          " + line);
            }
        }
    }
}
