using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Monitor.LoadTest.Corpus;

namespace Monitor.LoadTest;

/// <summary>
/// rss2email (Debian's <c>rss2email</c> package, <c>r2e</c>) on the same corpus: its own config and data file in the
/// work folder, every feed from the loopback server, every mail by SMTP to the loopback sink (never elsewhere).
/// </summary>
public sealed class Rss2EmailRunner
{
    private readonly string _config;
    private readonly string _data;

    private Rss2EmailRunner(string directory)
    {
        _config = Path.Combine(directory, "rss2email.cfg");
        _data = Path.Combine(directory, "rss2email.json");
    }

    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':'))
        {
            var candidate = Path.Combine(dir, "r2e");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary><c>r2e new</c>, then the feeds as <c>r2e add</c> writes them, SMTP to 127.0.0.1:<paramref name="smtpPort"/>.</summary>
    public static async Task<Rss2EmailRunner> CreateAsync(string directory, IReadOnlyList<CorpusFeed> feeds, Func<CorpusFeed, Uri> url, int smtpPort)
    {
        Directory.CreateDirectory(directory);
        var runner = new Rss2EmailRunner(directory);
        File.Delete(runner._config);
        File.Delete(runner._data);
        var created = await ProcessMeter.RunAsync(runner.Command("new", "digest-reader@loadtest.invalid"), TimeSpan.FromMinutes(1));
        if (created.ExitCode != 0)
        {
            throw new InvalidOperationException($"r2e new failed (exit {created.ExitCode}):{Environment.NewLine}{created.Tail()}");
        }

        // One `r2e add` per feed costs a Python start each (minutes for 1,000 feeds); write what it writes instead:
        // a [feed.NAME] section with the url, and an entry in the data file.
        var text = await File.ReadAllTextAsync(runner._config);
        text = Replace(text, "email-protocol = sendmail", "email-protocol = smtp");
        text = Replace(text, "smtp-server = smtp.example.net", $"smtp-server = 127.0.0.1:{smtpPort}");
        text = Replace(text, "from = user@rss2email.invalid", "from = rss2email@loadtest.invalid");
        var sections = new StringBuilder(text.TrimEnd()).Append('\n');
        foreach (var feed in feeds)
        {
            sections.Append('\n').Append("[feed.").Append(feed.Id).Append("]\nurl = ").Append(url(feed).AbsoluteUri).Append('\n');
        }

        await File.WriteAllTextAsync(runner._config, sections.ToString());
        var data = new
        {
            version = 2,
            feeds = feeds.Select(f => new { name = f.Id, etag = (string?)null, modified = (string?)null, seen = new Dictionary<string, object>() }),
        };
        await File.WriteAllTextAsync(runner._data, JsonSerializer.Serialize(data));

        var check = await ProcessMeter.RunAsync(runner.Command("list"), TimeSpan.FromMinutes(1));
        var listed = check.Output.Count(line => line.Contains("(http://127.0.0.1", StringComparison.Ordinal));
        if (check.ExitCode != 0 || listed != feeds.Count)
        {
            throw new InvalidOperationException($"r2e list shows {listed} of {feeds.Count} feeds (exit {check.ExitCode}):{Environment.NewLine}{check.Tail()}");
        }

        return runner;
    }

    public Task<ProcessStats> RunAsync(TimeSpan timeout) => ProcessMeter.RunAsync(Command("run"), timeout);

    private ProcessStartInfo Command(params string[] args)
    {
        var start = new ProcessStartInfo(Find() ?? "r2e");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(_config);
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(_data);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("http_proxy");
        start.Environment.Remove("https_proxy");
        start.Environment.Remove("HTTP_PROXY");
        start.Environment.Remove("HTTPS_PROXY");
        start.Environment["no_proxy"] = "127.0.0.1,localhost";
        return start;
    }

    private static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal)
            ? text.Replace(from, to, StringComparison.Ordinal)
            : throw new InvalidOperationException($"rss2email config has no line '{from}': a different rss2email version?");
}
