using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Feeds;
using Monitor.Feeds.Parsing;
using Monitor.Options;

namespace Monitor.Cli;

/// <summary><c>corpus FOLDER</c>: runs Monitor's feed parser over every file under a folder and prints what it made of them.</summary>
internal static class CorpusCommand
{
    private const int ProgressEvery = 50;
    private const int TopReasons = 15;

    private static readonly Argument<string> Folder = new("folder") { Description = "Folder of feed documents (searched recursively)" };
    private static readonly Option<string[]> Exclude = new("--exclude") { Description = "Skip files whose name matches this pattern (* and ?), e.g. *.tsv; repeatable" };
    private static readonly Option<bool> ListFailures = new("--failures") { Description = "List every failed file with its reason" };
    private static readonly Option<double> Timeout = new("--timeout") { Description = "Seconds allowed per file", DefaultValueFactory = _ => 5 };

    public static Command Create(CliContext context)
    {
        var command = new Command("corpus", "Parse every file under a folder and summarize: files, parsed, items, failures by reason, slowest file");
        command.Arguments.Add(Folder);
        command.Options.Add(Exclude);
        command.Options.Add(ListFailures);
        command.Options.Add(Timeout);
        command.SetAction((parse, ct) => ExecuteAsync(context, parse, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var folder = parse.GetValue(Folder)!;
        var seconds = parse.GetValue(Timeout);
        if (!Directory.Exists(folder))
        {
            await context.Error.WriteLineAsync($"error: '{folder}' is not a folder");
            return ExitCodes.InvalidConfig;
        }

        if (!(seconds > 0))
        {
            await context.Error.WriteLineAsync("error: --timeout must be a positive number of seconds");
            return ExitCodes.InvalidConfig;
        }

        using var host = context.BuildHost(parse, scheduling: false);
        var maxItems = host.Services.GetRequiredService<IOptions<FetchOptions>>().Value.MaxItemsPerFeed;
        var survey = new CorpusSurvey((body, url) => FeedParser.Parse(body, url, "corpus", contentType: null, maxItems), TimeSpan.FromSeconds(seconds));
        var report = await survey.RunAsync(
            folder,
            parse.GetValue(Exclude) ?? [],
            ProgressEvery,
            (done, total) => context.Error.WriteLine($"corpus: {done}/{total} files"),
            cancellationToken);
        await PrintAsync(context.Out, folder, report, parse.GetValue(ListFailures));
        return ExitCodes.Ok;
    }

    private static async Task PrintAsync(TextWriter output, string folder, CorpusReport report, bool listFailures)
    {
        await output.WriteLineAsync($"corpus {folder}");
        await output.WriteLineAsync($"  files:     {report.Files.Count}");
        await output.WriteLineAsync($"  parsed OK: {report.Parsed} ({report.Recovered} of them after the cleaning pass)");
        await output.WriteLineAsync($"  items:     {report.Items}");
        await output.WriteLineAsync($"  failed:    {report.Failures.Count}");
        var reasons = report.ReasonsByCount();
        foreach (var (reason, count) in reasons.Take(TopReasons))
        {
            await output.WriteLineAsync($"    {count,4}  {reason}");
        }

        if (reasons.Count > TopReasons)
        {
            await output.WriteLineAsync($"    ...   {reasons.Count - TopReasons} more reasons ({reasons.Skip(TopReasons).Sum(r => r.Count)} files)");
        }

        if (report.Slowest is { } slowest)
        {
            await output.WriteLineAsync($"  slowest:   {slowest.Path} ({slowest.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms)");
        }

        if (listFailures)
        {
            foreach (var failed in report.Failures)
            {
                await output.WriteLineAsync($"  FAILED {failed.Path}: {failed.Error}");
            }
        }
    }
}
