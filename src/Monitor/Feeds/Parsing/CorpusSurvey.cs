using System.Diagnostics;
using System.IO.Enumeration;

namespace Monitor.Feeds.Parsing;

/// <summary>
/// Runs a parse function over every file under a folder, one at a time, each with a time limit. A file never stops the
/// run: a <see cref="FeedParseException"/>, a time-out or any other exception is recorded as that file's failure.
/// </summary>
internal sealed class CorpusSurvey(Func<byte[], Uri, ParsedFeed> parse, TimeSpan perFileTimeout)
{
    /// <param name="folder">Searched recursively.</param>
    /// <param name="exclude">File-name patterns (<c>*</c>, <c>?</c>) to skip, e.g. <c>*.tsv</c>.</param>
    /// <param name="progress">Called after every <paramref name="progressEvery"/> files with (done, total).</param>
    public async Task<CorpusReport> RunAsync(string folder, IReadOnlyCollection<string> exclude, int progressEvery, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var files = Directory
            .EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(file => !exclude.Any(pattern => FileSystemName.MatchesSimpleExpression(pattern, Path.GetFileName(file))))
            .Order(StringComparer.Ordinal)
            .ToList();
        var results = new List<CorpusFileResult>(files.Count);
        foreach (var file in files)
        {
            results.Add(await SurveyAsync(file, Path.GetRelativePath(root, file), cancellationToken));
            if (results.Count % progressEvery == 0)
            {
                progress?.Invoke(results.Count, files.Count);
            }
        }

        return new CorpusReport(results);
    }

    private async Task<CorpusFileResult> SurveyAsync(string file, string name, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        string error;
        try
        {
            var body = await File.ReadAllBytesAsync(file, cancellationToken);
            var feed = await Task.Run(() => parse(body, new Uri(file)), cancellationToken).WaitAsync(perFileTimeout, cancellationToken);
            return new CorpusFileResult(name, feed.Items.Count, feed.Recovered, null, Stopwatch.GetElapsedTime(started));
        }
        catch (FeedParseException ex)
        {
            error = ex.Message;
        }
        catch (TimeoutException)
        {
            error = $"timed out after {perFileTimeout.TotalSeconds:0.#} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"crashed: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}";
        }

        return new CorpusFileResult(name, 0, false, error, Stopwatch.GetElapsedTime(started));
    }
}
