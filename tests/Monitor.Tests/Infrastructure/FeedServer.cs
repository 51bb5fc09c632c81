using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Tests.Infrastructure;

/// <summary>A real HTTP server (Kestrel on loopback) serving feed documents with ETag / If-None-Match, plus fault routes.</summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType)> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Target, int Status)> _redirects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, int Status)> _log = new();
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyCollection<(string Path, int Status)> Requests => _log.ToArray();

    public int CountStatus(int status) => _log.Count(r => r.Status == status);

    public static async Task<FeedServer> StartAsync()
    {
        var server = new FeedServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        server._app = app;
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public void Serve(string path, string body, string contentType = "application/rss+xml; charset=utf-8") =>
        _documents["/" + path.TrimStart('/')] = (Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Makes <paramref name="path"/> answer with <paramref name="status"/> (0 = hang until the client gives up).</summary>
    public void Fail(string path, int status) => _faults["/" + path.TrimStart('/')] = status;

    /// <summary>Makes <paramref name="path"/> redirect to <paramref name="target"/> (a path or URL) with <paramref name="status"/>.</summary>
    public void Redirect(string path, string target, int status = 301) => _redirects["/" + path.TrimStart('/')] = (target, status);

    public int CountRequests(string path) => _log.Count(r => r.Path == "/" + path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (_redirects.TryGetValue(path, out var redirect))
        {
            _log.Enqueue((path, redirect.Status));
            context.Response.StatusCode = redirect.Status;
            context.Response.Headers.Location = redirect.Target;
            return;
        }

        if (_faults.TryGetValue(path, out var fault))
        {
            if (fault == 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            _log.Enqueue((path, fault));
            context.Response.StatusCode = fault;
            if (fault == 429)
            {
                context.Response.Headers.RetryAfter = "120";
            }

            await context.Response.WriteAsync($"failure {fault}");
            return;
        }

        if (!_documents.TryGetValue(path, out var document))
        {
            _log.Enqueue((path, 404));
            context.Response.StatusCode = 404;
            return;
        }

        var etag = "\"" + Convert.ToHexString(SHA256.HashData(document.Body))[..16] + "\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            _log.Enqueue((path, 304));
            context.Response.StatusCode = 304;
            context.Response.Headers.ETag = etag;
            return;
        }

        _log.Enqueue((path, 200));
        context.Response.StatusCode = 200;
        context.Response.ContentType = document.ContentType;
        context.Response.Headers.ETag = etag;
        await context.Response.Body.WriteAsync(document.Body);
    }
}
