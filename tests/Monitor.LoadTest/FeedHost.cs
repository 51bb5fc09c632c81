using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.LoadTest.Corpus;

namespace Monitor.LoadTest;

/// <summary>HTTP counts of one phase.</summary>
public readonly record struct HttpCounts(long Ok, long NotModified, long Other, long BytesSent);

/// <summary>Serves the corpus from Kestrel on 127.0.0.1 with ETag / If-None-Match and Last-Modified / If-Modified-Since.</summary>
public sealed class FeedHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FeedDocument> _documents = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private long _ok;
    private long _notModified;
    private long _other;
    private long _bytes;

    private FeedHost()
    {
    }

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    public static async Task<FeedHost> StartAsync()
    {
        var host = new FeedHost();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxConcurrentConnections = null;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.Run(host.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        host._app = app;
        return host;
    }

    public Uri Url(CorpusFeed feed) => new(BaseUrl, feed.Path.TrimStart('/'));

    public void Publish(FeedDocument document) => _documents[document.Feed.Path] = document;

    /// <summary>
    /// Asks for every feed once, then again with its ETag (200 and 304), before anything is measured: the server's own
    /// first requests (its code compiled and tiered up on the fly) are the harness's cost, not the measured tool's, and
    /// would otherwise land on the first tool measured and not on the ones after it.
    /// </summary>
    public async Task WarmUpAsync(IEnumerable<Uri> feeds)
    {
        using var client = new HttpClient();
        await Parallel.ForEachAsync(feeds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (url, ct) =>
        {
            using var first = await client.GetAsync(url, ct);
            await first.Content.ReadAsByteArrayAsync(ct);
            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            if (first.Headers.ETag is { } etag)
            {
                again.Headers.IfNoneMatch.Add(etag);
            }

            using var second = await client.SendAsync(again, ct);
            await second.Content.ReadAsByteArrayAsync(ct);
        });
        TakeCounts();
    }

    /// <summary>Forgets every document (a new corpus follows).</summary>
    public void Clear() => _documents.Clear();

    /// <summary>The counts since the last call, and a fresh start.</summary>
    public HttpCounts TakeCounts() => new(
        Interlocked.Exchange(ref _ok, 0),
        Interlocked.Exchange(ref _notModified, 0),
        Interlocked.Exchange(ref _other, 0),
        Interlocked.Exchange(ref _bytes, 0));

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
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            Interlocked.Increment(ref _other);
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (!_documents.TryGetValue(request.Path.Value ?? "/", out var document))
        {
            Interlocked.Increment(ref _other);
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string lastModified = document.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.ETag = document.ETag;
        response.Headers.LastModified = lastModified;
        response.Headers.CacheControl = "max-age=0";
        string? ifNoneMatch = request.Headers.IfNoneMatch;
        bool notModified = ifNoneMatch is not null
            ? ifNoneMatch.Split(',').Any(tag => tag.Trim() == document.ETag || tag.Trim() == "W/" + document.ETag || tag.Trim() == "*")
            : DateTimeOffset.TryParse(request.Headers.IfModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
              && document.LastModified <= since;
        if (notModified)
        {
            Interlocked.Increment(ref _notModified);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        Interlocked.Increment(ref _ok);
        Interlocked.Add(ref _bytes, document.Body.Length);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = document.Feed.ContentType;
        response.ContentLength = document.Body.Length;
        if (HttpMethods.IsGet(request.Method))
        {
            await response.Body.WriteAsync(document.Body, context.RequestAborted);
        }
    }
}
