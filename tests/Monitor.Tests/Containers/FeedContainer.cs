using System.Text;
using DotNet.Testcontainers.Containers;

namespace Monitor.Tests.Containers;

/// <summary>The nginx container: static feeds under /feeds/ with native ETag/Last-Modified, and fault routes under /fault/.</summary>
public sealed class FeedContainer(IContainer container)
{
    public const int HttpPort = 80;
    public const string NetworkAlias = "feeds";

    public Uri Url(string path) => new($"http://{container.Hostname}:{container.GetMappedPublicPort(HttpPort)}/{path.TrimStart('/')}");

    /// <summary>Writes a feed document to /srv/feeds/<paramref name="path"/>; served at /feeds/<paramref name="path"/>.</summary>
    public Task PublishAsync(string path, string content) =>
        container.CopyAsync(Encoding.UTF8.GetBytes(content), "/srv/feeds/" + path.TrimStart('/'));

    /// <summary>How many requests for paths starting with <paramref name="prefix"/> nginx answered with <paramref name="status"/>.</summary>
    public async Task<int> CountAsync(string prefix, int status)
    {
        var log = await container.ExecAsync(["cat", "/var/log/nginx/access.log"]);
        return log.Stdout.Split('\n').Count(line => line.Contains($"\"GET {prefix}", StringComparison.Ordinal) && line.Contains($"\" {status} ", StringComparison.Ordinal));
    }
}
