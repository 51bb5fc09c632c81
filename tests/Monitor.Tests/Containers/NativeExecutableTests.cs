using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Containers;

/// <summary>
/// The shipped native executable (deploy/publish/monitor, what the image runs) through the commands and pages a user
/// reaches on the host, on the offline demo feeds: what only the native build could break (reflection over trimmed
/// code, run-time generics, types named in strings) breaks here, where the in-process tests run on the JIT.
/// </summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Containers")]
public sealed class NativeExecutableTests(ContainerServers servers) : IDisposable
{
    private static readonly string DemoConfig = Path.Combine(Repository.Root, "deploy", "demo", "feeds.json");
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Given_the_demo_feeds_when_the_native_executable_runs_the_cli_then_the_digest_json_and_listings_are_as_on_the_jit()
    {
        var monitor = await servers.PublishedMonitorAsync();

        // When: one cycle into the outbox, then the read-only commands.
        var run = await RunAsync(monitor, "run", "--once", "--send-now", "--config", DemoConfig, "--data", _workspace.DataDir);
        var inspect = await RunAsync(monitor, "inspect", Path.Combine(Repository.Root, "deploy", "demo", "feeds", "ai-wire.xml"), "--json", "--explain", "--config", DemoConfig, "--data", _workspace.DataDir);
        var feeds = await RunAsync(monitor, "feeds", "--config", DemoConfig, "--data", _workspace.DataDir);
        var subscribers = await RunAsync(monitor, "subscribers", "--config", DemoConfig, "--data", _workspace.DataDir);

        // Then: a digest rendered by the templates (numbers, nested lists, highlights), stored JSON read back, JSON out.
        Assert.True(run.ExitCode == 0, run.Output);
        var message = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_workspace.OutboxDir, "*.eml")));
        Assert.Equal(1, MessageAssert.StoryCount(message, "DeepSeek V4 released with open weights"));
        Assert.Contains(">Mixture-of-Experts</mark>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("== Model releases (2) ==", message.TextBody, StringComparison.Ordinal); // section.count, an int member

        Assert.True(inspect.ExitCode == 0, inspect.Output);
        var item = JsonDocument.Parse(inspect.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]).RootElement;
        Assert.Equal("DeepSeek V4 released with open weights", item.GetProperty("title").GetString());
        Assert.Equal("model-releases", item.GetProperty("topics")[0].GetProperty("topic").GetString());
        Assert.Equal(4, item.GetProperty("rules").GetArrayLength());

        Assert.True(feeds.ExitCode == 0, feeds.Output);
        Assert.Contains("ai-wire: ok", feeds.Output, StringComparison.Ordinal);
        Assert.Contains("analyst@example.com", subscribers.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_native_service_running_when_its_pages_are_asked_then_health_and_subscribing_answer_in_json()
    {
        var monitor = await servers.PublishedMonitorAsync();
        var port = FreePorts.Next();
        using var service = MonitorProcess.Start(monitor, ["run", "--config", DemoConfig, "--data", _workspace.DataDir], new Dictionary<string, string?>
        {
            ["Monitor__Http__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Monitor__PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Monitor__Subscriptions__SigningKey"] = "native-test-signing-key-0123456789abcdef",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // When: the service is ready, a bad and a good JSON subscription arrive.
        Assert.True(await Eventually.TrueAsync(() => IsReadyAsync(http), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)), service.Output);
        var live = await http.GetFromJsonAsync<JsonElement>("/health/live");
        var ready = await http.GetFromJsonAsync<JsonElement>("/health/ready");
        using var bad = await http.PostAsJsonAsync("/subscribe", new { email = "not-an-address", topics = new[] { "nope" } });
        using var good = await http.PostAsJsonAsync("/subscribe", new { email = "reader@example.com", topics = new[] { "model-releases" }, schedule = "daily 08:00", timeZone = "Europe/Berlin" });

        // Then: every answer is the JSON the JIT build gives, and the confirmation mail is in the outbox.
        Assert.Equal("alive", live.GetProperty("status").GetString());
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid", problems.GetProperty("status").GetString());
        Assert.Equal(2, problems.GetProperty("errors").GetArrayLength());
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal("pending", (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Contains(Directory.GetFiles(_workspace.OutboxDir, "*.eml"), f => f.Contains("reader@example.com", StringComparison.Ordinal));

        await service.SignalAsync("TERM");
        Assert.True(await service.WaitForExitAsync(TimeSpan.FromSeconds(10)), service.Output);
        Assert.Equal(0, service.ExitCode);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string monitor, params string[] arguments)
    {
        using var process = MonitorProcess.Start(monitor, arguments, new Dictionary<string, string?>());
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), process.Output);
        return (process.ExitCode, process.Output);
    }

    private static async Task<bool> IsReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // Not listening yet.
        }
    }
}
