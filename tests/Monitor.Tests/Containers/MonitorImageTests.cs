using System.Diagnostics;
using System.Text;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Containers;

/// <summary>The image built from deploy/Dockerfile, as users run it, against the nginx feed server and the mail server.</summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Containers")]
public sealed class MonitorImageTests(ContainerServers servers) : IAsyncLifetime
{
    private readonly ContainerTestContext _test = new(servers);

    public async Task InitializeAsync() => await _test.PublishAsync();

    public Task DisposeAsync()
    {
        _test.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Given_the_image_when_run_with_mounted_config_then_a_digest_arrives_it_turns_healthy_and_sigterm_stops_it_within_10_s()
    {
        var image = await servers.MonitorImageAsync();
        var config = Scenario.Config(file => new Uri($"http://{FeedContainer.NetworkAlias}/feeds/{_test.Tag}/{file}"), _test.Analyst, _test.Trader, analystSchedule: "immediate");
        var container = new ContainerBuilder(image)
            .WithNetwork(servers.Network)
            .WithResourceMapping(Encoding.UTF8.GetBytes(config), "/config/feeds.json")
            .WithEnvironment("Monitor__Smtp__Host", MailServer.NetworkAlias)
            .WithEnvironment("Monitor__Smtp__Port", MailServer.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Monitor__Smtp__Security", "StartTls")
            .WithEnvironment("Monitor__Smtp__Username", MailServer.SenderUser)
            .WithEnvironment("Monitor__Smtp__Password", MailServer.Password)
            .WithEnvironment("Monitor__Smtp__AcceptAnyCertificate", "true")
            .WithEnvironment("Monitor__Smtp__From", "Monitor <monitor@test.local>")
            .WithCreateParameterModifier(p => p.Healthcheck = new HealthcheckConfig
            {
                Test = ["CMD", "/app/monitor", "health"],
                Interval = TimeSpan.FromSeconds(1),
                Timeout = TimeSpan.FromSeconds(10),
                Retries = 30,
            })
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build();

        await container.StartAsync();
        try
        {
            Assert.Equal(TestcontainersHealthStatus.Healthy, container.Health);
            // Immediate: a digest follows each poll that found something, so the stories of feeds polled a moment
            // apart may come in two digests; together they carry each story exactly once.
            static int Count(IReadOnlyList<MimeKit.MimeMessage> messages, string title) => messages.Sum(m => MessageAssert.StoryCount(m, title));
            await Eventually.TrueAsync(async () => (await servers.Mail.FetchAsync(_test.Analyst)) is var got && Scenario.AnalystStories.All(t => Count(got, t) > 0), TimeSpan.FromSeconds(60));
            var analyst = await servers.Mail.FetchAsync(_test.Analyst);
            Assert.NotEmpty(analyst);
            Assert.All(Scenario.AnalystStories, title => Assert.Equal(1, Count(analyst, title)));
            var (stdout, _) = await container.GetLogsAsync();
            Assert.DoesNotContain(MailServer.Password, stdout, StringComparison.Ordinal);

            var whoami = await container.ExecAsync(["id", "-u"]);
            Assert.Equal("10001", whoami.Stdout.Trim());

            var stopwatch = Stopwatch.StartNew();
            await container.StopAsync();
            stopwatch.Stop();
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"stop took {stopwatch.Elapsed}");
            Assert.Equal(0, await container.GetExitCodeAsync());
        }
        finally
        {
            await container.DisposeAsync();
        }
    }

    [Fact]
    public async Task Given_the_image_when_check_runs_on_a_mounted_config_then_it_validates_it_as_on_the_host()
    {
        var image = await servers.MonitorImageAsync();
        var container = new ContainerBuilder(image)
            .WithResourceMapping(Encoding.UTF8.GetBytes("""{ "feeds": [ { "id": "x", "url": "gopher://nope" } ] }"""), "/config/bad.json")
            .WithCommand("check", "--config", "/config/bad.json")
            .WithWaitStrategy(Wait.ForUnixContainer())
            .Build();

        await container.StartAsync();
        try
        {
            var exit = await container.GetExitCodeAsync();
            var (stdout, _) = await container.GetLogsAsync();
            Assert.Equal(2, exit);
            Assert.Contains("bad.json: $.feeds[0].url:", stdout, StringComparison.Ordinal);
        }
        finally
        {
            await container.DisposeAsync();
        }
    }
}
