using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds;

/// <summary>The <c>corpus</c> command in process: summary on stdout, progress on stderr, failed files listed on request.</summary>
[Trait("Category", "Integration")]
public sealed class CorpusCommandTests : IDisposable
{
    private readonly Workspace _workspace = new();

    [Fact]
    public async Task Given_a_folder_of_feeds_when_the_corpus_command_runs_then_it_prints_files_parsed_items_failures_and_the_slowest_file()
    {
        var corpus = Path.Combine(_workspace.Root, "corpus");
        Directory.CreateDirectory(Path.Combine(corpus, "sub"));
        for (var i = 0; i < 55; i++)
        {
            File.WriteAllText(Path.Combine(corpus, $"feed-{i:00}.xml"), $"""<rss version="2.0"><channel><title>t</title><item><guid>{i}</guid><title>Item {i}</title></item></channel></rss>""");
        }

        File.WriteAllText(Path.Combine(corpus, "sub", "page.html"), """<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="https://example.org/feed"></head></html>""");
        File.WriteAllText(Path.Combine(corpus, "MANIFEST.tsv"), "repo\tpath");

        var run = await _workspace.RunAsync(null, "corpus", corpus, "--exclude", "*.tsv", "--failures");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("files:     56", run.Output, StringComparison.Ordinal);
        Assert.Contains("parsed OK: 55 (0 of them after the cleaning pass)", run.Output, StringComparison.Ordinal);
        Assert.Contains("items:     55", run.Output, StringComparison.Ordinal);
        Assert.Contains("failed:    1", run.Output, StringComparison.Ordinal);
        Assert.Contains("   1  the URL serves an HTML page, not a feed (the page names a feed: https://example.org/feed)", run.Output, StringComparison.Ordinal);
        Assert.Contains("slowest:", run.Output, StringComparison.Ordinal);
        Assert.Contains($"FAILED {Path.Combine("sub", "page.html")}: the URL serves an HTML page", run.Output, StringComparison.Ordinal);
        Assert.Contains("corpus: 50/56 files", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_folder_that_does_not_exist_when_the_corpus_command_runs_then_it_exits_2_with_one_line()
    {
        var run = await _workspace.RunAsync(null, "corpus", Path.Combine(_workspace.Root, "missing"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: '", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _workspace.Dispose();
}
