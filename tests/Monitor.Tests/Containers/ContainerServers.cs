using System.Security.Cryptography;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using DotNet.Testcontainers.Networks;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Containers;

/// <summary>
/// The real servers, built by Testcontainers from the Dockerfiles beside this file (FROM debian:bookworm-slim):
/// Postfix + Dovecot for mail, nginx for feeds. Images are tagged with a hash of their build context, so an unchanged
/// context reuses the built image; containers are shared by the whole collection.
/// </summary>
public sealed class ContainerServers : IAsyncLifetime
{
    private INetwork? _network;
    private IContainer? _mail;
    private IContainer? _feeds;
    private IContainer? _postgres;

    public MailServer Mail { get; private set; } = null!;

    public FeedContainer Feeds { get; private set; } = null!;

    public PostgresServer Postgres { get; private set; } = null!;

    /// <summary>The Docker network the servers share; containers started by tests join it to reach them by alias.</summary>
    public INetwork Network => _network!;

    public async Task InitializeAsync()
    {
        var mailImage = await BuildImageAsync("mail");
        var feedImage = await BuildImageAsync("feeds");
        var postgresImage = await BuildImageAsync("postgres");
        _network = new NetworkBuilder().WithName("monitor-test-" + Guid.NewGuid().ToString("N")[..8]).Build();
        await _network.CreateAsync();

        _mail = new ContainerBuilder(mailImage)
            .WithNetwork(_network)
            .WithNetworkAliases(MailServer.NetworkAlias)
            .WithPortBinding(MailServer.SubmissionPort, assignRandomHostPort: true)
            .WithPortBinding(MailServer.PlainPort, assignRandomHostPort: true)
            .WithPortBinding(MailServer.ImapPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer()
                .UntilMessageIsLogged("daemon started")
                .UntilInternalTcpPortIsAvailable(MailServer.SubmissionPort)
                .UntilInternalTcpPortIsAvailable(MailServer.ImapPort))
            .Build();
        _feeds = new ContainerBuilder(feedImage)
            .WithNetwork(_network)
            .WithNetworkAliases(FeedContainer.NetworkAlias)
            .WithPortBinding(FeedContainer.HttpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(FeedContainer.HttpPort))
            .Build();
        _postgres = new ContainerBuilder(postgresImage)
            .WithNetwork(_network)
            .WithNetworkAliases(PostgresServer.NetworkAlias)
            .WithPortBinding(PostgresServer.Port, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("database system is ready to accept connections"))
            .Build();
        await Task.WhenAll(_mail.StartAsync(), _feeds.StartAsync(), _postgres.StartAsync());
        Mail = new MailServer(_mail);
        Feeds = new FeedContainer(_feeds);
        Postgres = new PostgresServer(_postgres);
    }

    public async Task DisposeAsync()
    {
        if (_mail is not null)
        {
            await _mail.DisposeAsync();
        }

        if (_feeds is not null)
        {
            await _feeds.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_network is not null)
        {
            await _network.DisposeAsync();
        }
    }

    /// <summary>
    /// The image users run, built from deploy/Dockerfile after publishing the service as the README says (into the
    /// documented deploy/publish folder, with build outputs kept apart from the working tree's). Built once per run.
    /// </summary>
    public async Task<IImage> MonitorImageAsync()
    {
        await _published.Value;
        return await _monitorImage.Value;
    }

    /// <summary>
    /// The executable the image ships (deploy/publish/monitor: self-contained, compiled ahead of time), published once
    /// per run; the cluster test runs its replicas from it.
    /// </summary>
    public Task<string> PublishedMonitorAsync() => _published.Value;

    private readonly Lazy<Task<string>> _published = new(PublishAsync);
    private readonly Lazy<Task<IImage>> _monitorImage = new(BuildMonitorImageAsync);

    private static async Task<IImage> BuildMonitorImageAsync()
    {
        var image = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(Repository.Root)
            .WithDockerfile("deploy/Dockerfile")
            .WithName("monitor-test-app:" + Guid.NewGuid().ToString("N")[..12])
            .WithCleanUp(true)
            .Build();
        await image.CreateAsync();
        return image;
    }

    private static async Task<string> PublishAsync()
    {
        var publish = Path.Combine(Repository.Root, "deploy", "publish");
        if (Directory.Exists(publish))
        {
            // Whatever an earlier publish left there would be copied into the image too.
            Directory.Delete(publish, recursive: true);
        }

        var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "publish", Path.Combine(Repository.Root, "src", "Monitor"), "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", publish, "--artifacts-path", Path.Combine(Path.GetTempPath(), "monitor-image-build"), "-nologo" })
        {
            psi.ArgumentList.Add(arg);
        }

        using (var process = System.Diagnostics.Process.Start(psi)!)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed:\n{await output}\n{await error}");
            }
        }

        return Path.Combine(publish, "monitor");
    }

    private static async Task<IImage> BuildImageAsync(string name)
    {
        var context = Path.Combine(Repository.Root, "tests", "Monitor.Tests", "Containers", name);
        var image = new ImageFromDockerfileBuilder()
            .WithDockerfileDirectory(context)
            .WithDockerfile("Dockerfile")
            .WithName($"monitor-test-{name}:{ContextHash(context)}")
            .WithCleanUp(false)
            .Build();
        await image.CreateAsync();
        return image;
    }

    private static string ContextHash(string directory)
    {
        var hash = new StringBuilder();
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.Append(Path.GetRelativePath(directory, file)).Append(':').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash.ToString())))[..12];
    }
}
