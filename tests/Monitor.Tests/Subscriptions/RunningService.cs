using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Monitor.Cli;
using Monitor.Storage.Sql;
using Monitor.Subscriptions;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Subscriptions;

/// <summary>
/// The real <c>run</c> service in process with its web server on a free loopback port, a feed server, an SMTP sink and an
/// HTTP client; and a direct view of its subscription table (the same SQLite file) for asserting state.
/// </summary>
internal sealed class RunningService : IAsyncDisposable
{
    public const string SigningKey = "0123456789abcdef0123456789abcdef-subscriptions-test";
    public const string Control = "control@test.local";
    public const string ExportStory = "US tightens export rules on H100 and Blackwell chips";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private Task<int> _service = Task.FromResult(0);
    private SqlMonitorStore? _monitor;

    private RunningService(Workspace workspace, FeedServer feeds, SmtpSink smtp, int port)
    {
        Workspace = workspace;
        Feeds = feeds;
        Smtp = smtp;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public Workspace Workspace { get; }

    public FeedServer Feeds { get; }

    public SmtpSink Smtp { get; }

    public int Port { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public Dictionary<string, string?> Settings { get; private set; } = [];

    public SqlSubscriptionStore Store { get; private set; } = null!;

    public string Log => $"--- stdout ---\n{_output}\n--- stderr ---\n{_error}";

    /// <summary>
    /// Starts feeds (the standard scenario's wire feed), SMTP and the service with an immediate feeds.json subscriber
    /// <see cref="Control"/> on export rules; waits until the web server answers and the control digest arrived.
    /// </summary>
    /// <param name="configured">False: no public base URL and no signing key.</param>
    /// <param name="before">Runs on the workspace before the service starts (e.g. <c>subscribers add</c>).</param>
    public static async Task<RunningService> StartAsync(IReadOnlyDictionary<string, string?>? extra = null, bool configured = true, Func<RunningService, Task>? before = null)
    {
        var feeds = await FeedServer.StartAsync();
        new Scenario(TimeProvider.System.GetUtcNow()).Publish(feeds);
        var smtp = SmtpSink.Create();
        await smtp.StartAsync();
        var service = new RunningService(new Workspace(), feeds, smtp, FreePorts.Next());
        service.Settings = new Dictionary<string, string?>(smtp.Settings())
        {
            ["Monitor:Http:Port"] = service.Port.ToString(CultureInfo.InvariantCulture),
            ["Monitor:ConfigReloadInterval"] = "00:00:00.200",
            ["Monitor:PublicBaseUrl"] = configured ? service.BaseUrl : null,
            ["Monitor:Subscriptions:SigningKey"] = configured ? SigningKey : null,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            service.Settings[key] = value;
        }

        service.WriteConfig(extraFeeds: []);
        if (before is not null)
        {
            await before(service);
        }

        service._service = MonitorCli.RunAsync(["run", "--config", service.Workspace.ConfigPath, "--data", service.Workspace.DataDir], service._output, service._error, service.Settings, service._stop.Token);
        await service.WaitUntilAsync(async () => (await service.TryGetAsync("health/live")) == HttpStatusCode.OK, "the web server answers");
        service._monitor = SqlMonitorStore.Sqlite(Path.Combine(service.Workspace.DataDir, "monitor.db"));
        service.Store = new SqlSubscriptionStore(service._monitor.Dialect);
        await service.WaitForMessagesAsync(Control, 1);
        return service;
    }

    /// <summary>feeds.json: the wire feed plus <paramref name="extraFeeds"/> (id, path on the feed server); topics export-rules and model-releases.</summary>
    public void WriteConfig(IEnumerable<(string Id, string Path)> extraFeeds)
    {
        var feeds = new[] { ("wire", "wire.xml") }.Concat(extraFeeds).Select(f => $$"""{ "id": "{{f.Item1}}", "url": "{{Feeds.Url(f.Item2)}}" }""");
        Workspace.WriteConfig($$"""
            {
              "feeds": [{{string.Join(", ", feeds)}}],
              "topics": [
                { "id": "export-rules", "title": "Export rules", "keywords": ["export rules", "H100", "Blackwell"] },
                { "id": "model-releases", "title": "Model releases", "keywords": ["DeepSeek", "Mixture-of-Experts"], "exclude": ["sponsored"] }
              ],
              "subscribers": [ { "email": "{{Control}}", "topics": ["export-rules"], "schedule": "immediate" } ]
            }
            """);
    }

    public IReadOnlyList<MimeMessage> MessagesTo(string email) =>
        Smtp.Messages.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(string email, int count)
    {
        await WaitUntilAsync(() => Task.FromResult(MessagesTo(email).Count >= count), $"{count} message(s) to {email}");
        return MessagesTo(email);
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (!await condition())
        {
            Assert.False(_service.IsCompleted, $"the service stopped early\n{Log}");
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"timed out waiting for {what}\n{Log}");
            await Task.Delay(100);
        }
    }

    /// <summary>The first link in the mail's plain-text part that goes to <paramref name="path"/>.</summary>
    public static string LinkIn(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? string.Empty, $@"https?://\S+{Regex.Escape(path)}\?token=[A-Za-z0-9_%.-]+");
        Assert.True(match.Success, $"no {path} link in:\n{message.TextBody}");
        return match.Value;
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient http, string url, params (string Key, string Value)[] fields) =>
        http.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));

    public async Task<SubscriptionStatus?> StatusAsync(string email) => (await Store.GetAsync(email, CancellationToken.None))?.Status;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _service.WaitAsync(Patience);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
        }

        Store?.Dispose();
        _monitor?.Dispose();
        Http.Dispose();
        await Smtp.DisposeAsync();
        await Feeds.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Workspace.Dispose();
        _stop.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private async Task<HttpStatusCode?> TryGetAsync(string path)
    {
        try
        {
            using var response = await Http.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
