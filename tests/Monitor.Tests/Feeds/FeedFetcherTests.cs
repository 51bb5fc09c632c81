using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Configuration;
using Monitor.Feeds;
using Monitor.Hosting;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds;

/// <summary><see cref="FeedFetcher"/> as the service wires it, against a real HTTP server on loopback and real files.</summary>
[Trait("Category", "Integration")]
public sealed class FeedFetcherTests : IAsyncLifetime
{
    private const string Document = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link><description>d</description>
        <item><guid>1</guid><title>DeepSeek V4 released</title><link>https://wire.example/1</link></item>
        </channel></rss>
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("monitor-fetch-").FullName;
    private FeedServer _server = null!;

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Given_a_served_feed_when_fetched_then_the_body_and_an_etag_are_returned()
    {
        _server.Serve("wire.xml", Document);
        await using var services = Build();

        var result = await Fetcher(services).FetchAsync(_server.Url("wire.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(200, result.StatusCode);
        Assert.Null(result.Error);
        Assert.Equal(Document, Encoding.UTF8.GetString(result.Body));
        Assert.False(string.IsNullOrEmpty(result.ETag));
        Assert.StartsWith("application/rss+xml", result.ContentType, StringComparison.Ordinal);
        Assert.Equal(1, _server.CountStatus(200));
    }

    [Fact]
    public async Task Given_the_etag_of_the_last_fetch_when_fetched_again_then_the_outcome_is_not_modified_and_the_server_answered_304()
    {
        _server.Serve("wire.xml", Document);
        await using var services = Build();
        var fetcher = Fetcher(services);
        var first = await fetcher.FetchAsync(_server.Url("wire.xml"), null, null, CancellationToken.None);

        var second = await fetcher.FetchAsync(_server.Url("wire.xml"), first.ETag, first.LastModified, CancellationToken.None);

        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal(304, second.StatusCode);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Empty(second.Body);
        Assert.Equal(1, _server.CountStatus(304));
    }

    [Fact]
    public async Task Given_a_stale_etag_when_the_document_changed_then_the_new_body_is_returned()
    {
        _server.Serve("wire.xml", Document);
        await using var services = Build();
        var fetcher = Fetcher(services);
        var first = await fetcher.FetchAsync(_server.Url("wire.xml"), null, null, CancellationToken.None);
        var changed = Document.Replace("DeepSeek V4 released", "DeepSeek V4.1 released", StringComparison.Ordinal);
        _server.Serve("wire.xml", changed);

        var second = await fetcher.FetchAsync(_server.Url("wire.xml"), first.ETag, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, second.Outcome);
        Assert.Equal(changed, Encoding.UTF8.GetString(second.Body));
        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(0, _server.CountStatus(304));
    }

    [Theory]
    [InlineData(500, "HTTP 500 Internal Server Error", true)]
    [InlineData(404, "HTTP 404 Not Found", false)] // an unknown path: the server's own 404
    public async Task Given_an_error_status_when_fetched_then_the_outcome_is_failed_with_the_status(int status, string expected, bool fault)
    {
        if (fault)
        {
            _server.Fail("broken.xml", status);
        }

        await using var services = Build();

        var result = await Fetcher(services).FetchAsync(_server.Url("broken.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(status, result.StatusCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task Given_a_429_with_retry_after_when_fetched_then_the_error_names_the_status_and_the_retry_after()
    {
        _server.Fail("limited.xml", 429);
        await using var services = Build();

        var result = await Fetcher(services).FetchAsync(_server.Url("limited.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(429, result.StatusCode);
        Assert.StartsWith("HTTP 429", result.Error, StringComparison.Ordinal);
        Assert.Contains("Retry-After 120 s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_transient_503_when_retries_are_configured_then_the_fetch_is_retried_and_finally_fails()
    {
        _server.Fail("flaky.xml", 503);
        await using var services = Build(new() { ["Monitor:Fetch:Retries"] = "2", ["Monitor:Fetch:RetryDelay"] = "00:00:00.010" });

        var result = await Fetcher(services).FetchAsync(_server.Url("flaky.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.StartsWith("HTTP 503", result.Error, StringComparison.Ordinal);
        Assert.Equal(3, _server.Requests.Count(r => r.Path == "/flaky.xml"));
    }

    [Fact]
    public async Task Given_a_server_that_never_answers_when_the_timeout_is_one_second_then_the_fetch_fails_as_timed_out_within_a_few_seconds()
    {
        _server.Fail("hang.xml", 0);
        await using var services = Build(new() { ["Monitor:Fetch:Timeout"] = "00:00:01" });
        var clock = Stopwatch.StartNew();

        var result = await Fetcher(services).FetchAsync(_server.Url("hang.xml"), null, null, CancellationToken.None);

        clock.Stop();
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("timed out", result.Error, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Given_a_body_above_the_cap_when_fetched_then_the_fetch_fails_and_names_the_cap()
    {
        var big = Document.Replace("</channel>", string.Concat(Enumerable.Range(0, 200).Select(i => $"<item><guid>{i}</guid><title>padding {i}</title></item>")) + "</channel>", StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(big) > 4096);
        _server.Serve("big.xml", big);
        await using var services = Build(new() { ["Monitor:Fetch:MaxBodyBytes"] = "2048" });

        var result = await Fetcher(services).FetchAsync(_server.Url("big.xml"), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("cap of 2048 bytes", result.Error, StringComparison.Ordinal);
        Assert.Contains("MaxBodyBytes", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Body);
    }

    [Fact]
    public async Task Given_a_file_url_when_read_twice_with_the_returned_stamp_then_the_second_read_is_not_modified()
    {
        var path = Path.Combine(_dir, "local feed.xml");
        await File.WriteAllTextAsync(path, Document);
        var url = new Uri(path);
        await using var services = Build();
        var fetcher = Fetcher(services);

        var first = await fetcher.FetchAsync(url, null, null, CancellationToken.None);
        var second = await fetcher.FetchAsync(url, first.ETag, first.LastModified, CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, first.Outcome);
        Assert.Equal(Document, Encoding.UTF8.GetString(first.Body));
        Assert.False(string.IsNullOrEmpty(first.LastModified));
        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal(first.LastModified, second.LastModified);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Given_a_file_url_when_the_file_changes_after_the_first_read_then_the_new_content_is_returned()
    {
        var path = Path.Combine(_dir, "changing.xml");
        await File.WriteAllTextAsync(path, Document);
        var url = new Uri(path);
        await using var services = Build();
        var fetcher = Fetcher(services);
        var first = await fetcher.FetchAsync(url, null, null, CancellationToken.None);
        var changed = Document.Replace("</channel>", "<item><guid>2</guid><title>Second</title></item></channel>", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, changed);
        File.SetLastWriteTimeUtc(path, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var second = await fetcher.FetchAsync(url, null, first.LastModified, CancellationToken.None);

        Assert.Equal(FetchOutcome.Content, second.Outcome);
        Assert.Equal(changed, Encoding.UTF8.GetString(second.Body));
        Assert.NotEqual(first.LastModified, second.LastModified);
    }

    [Fact]
    public async Task Given_a_file_url_to_a_missing_file_when_read_then_the_fetch_fails_naming_the_file()
    {
        var path = Path.Combine(_dir, "missing.xml");
        await using var services = Build();

        var result = await Fetcher(services).FetchAsync(new Uri(path), null, null, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("not found", result.Error, StringComparison.Ordinal);
        Assert.Contains(path, result.Error, StringComparison.Ordinal);
    }

    private static FeedFetcher Fetcher(IServiceProvider services) => services.GetRequiredService<FeedFetcher>();

    private ServiceProvider Build(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Monitor:DataDir"] = Path.Combine(_dir, "data"),
            ["Monitor:Fetch:Retries"] = "0",
            ["Monitor:Fetch:Timeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddMonitorCore(configuration, new MonitorPaths(Path.Combine(_dir, "feeds.json")));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
