using System.Security.Cryptography;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Containers;

/// <summary>
/// The real servers, built by Testcontainers from the Dockerfiles beside this file (FROM debian:bookworm-slim):
/// Postfix + Dovecot for mail, nginx for feeds. Images are tagged with a hash of their build context, so an unchanged
/// context reuses the built image; containers are shared by the whole collection.
/// </summary>
public sealed class ContainerServers : IAsyncLifetime
{
    private IContainer? _mail;
    private IContainer? _feeds;

    public MailServer Mail { get; private set; } = null!;

    public FeedContainer Feeds { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var mailImage = await BuildImageAsync("mail");
        var feedImage = await BuildImageAsync("feeds");

        _mail = new ContainerBuilder(mailImage)
            .WithPortBinding(MailServer.SubmissionPort, assignRandomHostPort: true)
            .WithPortBinding(MailServer.PlainPort, assignRandomHostPort: true)
            .WithPortBinding(MailServer.ImapPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer()
                .UntilMessageIsLogged("daemon started")
                .UntilInternalTcpPortIsAvailable(MailServer.SubmissionPort)
                .UntilInternalTcpPortIsAvailable(MailServer.ImapPort))
            .Build();
        _feeds = new ContainerBuilder(feedImage)
            .WithPortBinding(FeedContainer.HttpPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(FeedContainer.HttpPort))
            .Build();
        await Task.WhenAll(_mail.StartAsync(), _feeds.StartAsync());
        Mail = new MailServer(_mail);
        Feeds = new FeedContainer(_feeds);
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
