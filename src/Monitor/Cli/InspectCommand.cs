using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Cli.InspectOutput;
using Monitor.Configuration;
using Monitor.Core.Configuration;
using Monitor.Core.Matching;
using Monitor.Digests.Explaining;
using Monitor.Feeds;
using Monitor.Options;

namespace Monitor.Cli;

/// <summary><c>inspect URL|FILE</c>: how Monitor sees one feed: every normalized item and the topics it matches, and why.</summary>
internal static class InspectCommand
{
    private static readonly Argument<string> Source = new("url-or-file") { Description = "Feed URL (http, https, file) or local path" };
    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object per item" };
    private static readonly Option<bool> ExplainRules = new("--explain") { Description = "Also list every keyword and exclude of every topic, found or not, and where" };

    public static Command Create(CliContext context)
    {
        var command = new Command("inspect", "Fetch or read one feed and show every normalized item and the topics it matches");
        command.Arguments.Add(Source);
        command.Options.Add(Json);
        command.Options.Add(ExplainRules);
        command.SetAction((parse, ct) => ExecuteAsync(context, parse, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var source = parse.GetValue(Source)!;
        using var host = context.BuildHost(parse, scheduling: false);
        var uri = ToUri(source);
        if (uri is null)
        {
            await context.Error.WriteLineAsync($"error: '{source}' is neither an http(s) URL nor an existing file");
            return ExitCodes.InvalidConfig;
        }

        // Topics come from feeds.json when it is valid; inspect still works without it.
        var store = host.Services.GetRequiredService<ConfigStore>();
        var problems = File.Exists(store.ConfigPath) ? store.Load() : [new ConfigProblem(Path.GetFileName(store.ConfigPath), "$", "file not found")];
        var topics = problems.Count == 0 ? store.Current.Feeds.Topics : [];
        if (problems.Count > 0)
        {
            await context.Error.WriteLineAsync($"note: topics not evaluated, {problems[0]}");
        }

        var regexTimeout = host.Services.GetRequiredService<IOptions<MonitorOptions>>().Value.RegexTimeout;
        var matcher = TopicMatcher.Create(topics, regexTimeout);
        var explainer = parse.GetValue(ExplainRules) ? new RuleExplainer(topics, regexTimeout) : null;
        var fetched = await host.Services.GetRequiredService<FeedFetcher>().FetchAsync(uri, null, null, cancellationToken);
        if (fetched.Outcome != FetchOutcome.Content)
        {
            await context.Error.WriteLineAsync($"error: {uri}: {fetched.Error ?? "no content"}");
            return ExitCodes.Failure;
        }

        ParsedFeed feed;
        try
        {
            feed = FeedParser.Parse(fetched.Body, fetched.FinalUrl, "inspect", fetched.ContentType, host.Services.GetRequiredService<IOptions<FetchOptions>>().Value.MaxItemsPerFeed);
        }
        catch (FeedParseException ex)
        {
            await context.Error.WriteLineAsync($"error: {uri}: {ex.Message}");
            return ExitCodes.Failure;
        }

        var json = parse.GetValue(Json);
        if (!json)
        {
            await context.Out.WriteLineAsync($"{feed.Title ?? "(untitled)"} [{feed.Format}], {feed.Items.Count} items, from {fetched.FinalUrl}");
        }

        var index = 0;
        foreach (var item in feed.Items)
        {
            index++;
            var input = new MatchInput(item.Title, item.Summary, item.Categories);
            var evaluations = matcher.Evaluate(input);
            var rules = explainer?.Explain(input);
            if (json)
            {
                var record = new InspectedItem(
                    item.ItemKey,
                    item.StoryKey,
                    item.Title,
                    item.Link,
                    item.Published,
                    item.Summary,
                    item.Categories,
                    [.. evaluations.Where(e => e.Hits.Count > 0).Select(e => new InspectedTopic(
                        e.TopicId,
                        e.IsMatch,
                        [.. e.Hits.Select(TermJson)],
                        e.ExcludedBy is { } x ? TermJson(x) : null))],
                    rules?.Select(r => new InspectedRules(r.TopicId, r.IsMatch, [.. r.Keywords.Select(RuleJson)], [.. r.Excludes.Select(RuleJson)])).ToList());
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(record, InspectJson.Default.InspectedItem));
                continue;
            }

            await context.Out.WriteLineAsync();
            await context.Out.WriteLineAsync($"[{index}] {item.Title}");
            await context.Out.WriteLineAsync($"    id:      {item.ItemKey}");
            await context.Out.WriteLineAsync($"    link:    {item.Link ?? "-"}");
            await context.Out.WriteLineAsync($"    date:    {(item.Published is { } d ? d.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "-")}");
            if (item.Categories.Count > 0)
            {
                await context.Out.WriteLineAsync($"    tags:    {string.Join(", ", item.Categories)}");
            }

            await context.Out.WriteLineAsync($"    summary: {Digests.DigestBuilder.Snippet(item.Summary)}");
            await context.Out.WriteLineAsync($"    topics:  {Explain(evaluations)}");
            if (rules is not null)
            {
                await context.Out.WriteLineAsync("    rules:");
                foreach (var line in RuleExplainer.Format(rules))
                {
                    await context.Out.WriteLineAsync("      " + line);
                }
            }
        }

        return ExitCodes.Ok;
    }

    private static InspectedTerm TermJson(TermHit hit) => new(hit.Term, hit.Field.ToString().ToLowerInvariant());

    private static InspectedRule RuleJson(RuleOutcome rule) => new(rule.Keyword, rule.Found, [.. rule.Fields.Select(f => f.ToString().ToLowerInvariant())]);

    internal static string Explain(IReadOnlyList<TopicEvaluation> evaluations)
    {
        var parts = evaluations
            .Where(e => e.Hits.Count > 0)
            .Select(e => e.IsMatch
                ? $"{e.TopicId} ({string.Join(", ", e.Hits.Select(h => $"'{h.Term}' in {h.Field.ToString().ToLowerInvariant()}"))})"
                : $"{e.TopicId} excluded by '{e.ExcludedBy!.Term}' in {e.ExcludedBy.Field.ToString().ToLowerInvariant()}")
            .ToList();
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    private static Uri? ToUri(string source)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file")
        {
            return uri;
        }

        var full = Path.GetFullPath(source);
        return File.Exists(full) ? new Uri(full) : null;
    }
}
