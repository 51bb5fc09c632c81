using Monitor.Core.Items;
using Monitor.Feeds;
using Monitor.Feeds.Parsing;

namespace Monitor.Tests.Feeds;

/// <summary><see cref="CorpusSurvey"/>: every file under a folder is tallied, whatever the parser does with it.</summary>
[Trait("Category", "Unit")]
public sealed class CorpusSurveyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-corpus-").FullName;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Given_good_broken_and_hostile_files_when_surveyed_then_each_is_counted_and_failures_are_grouped_by_reason()
    {
        Write("good.xml", """<rss version="2.0"><channel><title>t</title><item><title>a</title></item><item><title>b</title></item></channel></rss>""");
        Write("nested/deeper/truncated.rss", """<rss version="2.0"><channel><title>t</title><item><title>kept</title></item><item><title>cut""");
        Write("empty.xml", string.Empty);
        Write("garbage-1.txt", "not a feed at all");
        Write("garbage-2.txt", "nor this one");
        Write("MANIFEST.tsv", "path\tnotes");

        var report = await new CorpusSurvey((body, url) => FeedParser.Parse(body, url, "corpus"), TimeSpan.FromSeconds(5))
            .RunAsync(_folder, ["*.tsv"], progressEvery: 50, progress: null, CancellationToken.None);

        Assert.Equal(5, report.Files.Count);
        Assert.Equal(2, report.Parsed);
        Assert.Equal(1, report.Recovered);
        Assert.Equal(3, report.Items);
        Assert.Contains(report.Files, f => f.Path == Path.Combine("nested", "deeper", "truncated.rss") && f.Items == 1);
        var reasons = report.ReasonsByCount();
        Assert.Equal(2, reasons[0].Count);
        Assert.StartsWith("not a readable feed: Data at the root level is invalid. Line #, position #.", reasons[0].Reason, StringComparison.Ordinal);
        Assert.Contains(("empty document", 1), reasons);
        Assert.NotNull(report.Slowest);
    }

    [Fact]
    public async Task Given_a_parser_that_crashes_or_hangs_on_a_file_when_surveyed_then_the_file_is_a_failure_and_the_run_goes_on()
    {
        Write("crash.xml", "crash");
        Write("hang.xml", "hang");
        Write("fine.xml", "fine");
        var survey = new CorpusSurvey(
            (body, _) => System.Text.Encoding.UTF8.GetString(body) switch
            {
                "crash" => throw new InvalidOperationException("boom\nsecond line"),
                "hang" => Hang(),
                _ => new ParsedFeed("ok", "Rss_2_0", []),
            },
            TimeSpan.FromSeconds(1));

        var report = await survey.RunAsync(_folder, [], progressEvery: 1, progress: null, CancellationToken.None);

        Assert.Equal(1, report.Parsed);
        Assert.Equal(
            ["crashed: InvalidOperationException: boom second line", "timed out after 1 s"],
            report.Failures.Select(f => f.Error).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Given_more_files_than_the_progress_interval_when_surveyed_then_progress_is_reported_at_each_interval()
    {
        for (var i = 0; i < 7; i++)
        {
            Write($"f{i}.xml", "<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
        }

        var progress = new List<(int Done, int Total)>();
        await new CorpusSurvey((body, url) => FeedParser.Parse(body, url, "corpus"), TimeSpan.FromSeconds(5))
            .RunAsync(_folder, [], progressEvery: 3, (done, total) => progress.Add((done, total)), CancellationToken.None);

        Assert.Equal([(3, 7), (6, 7)], progress);
    }

    public void Dispose()
    {
        _release.TrySetResult();
        Directory.Delete(_folder, recursive: true);
    }

    private ParsedFeed Hang()
    {
        _release.Task.GetAwaiter().GetResult();
        return new ParsedFeed(null, "Rss_2_0", Array.Empty<FeedItem>());
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
