using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Monitor.Options;

namespace Monitor.Feeds;

/// <summary>
/// Downloads a feed: conditional GET with the stored validators, a total timeout, a body size cap; <c>file://</c> URLs
/// are read from disk (their modification time stands in for Last-Modified).
/// Retries of transient failures are done by the resilience handler of the named client.
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory httpClientFactory, IOptionsMonitor<FetchOptions> options)
{
    public const string HttpClientName = "feeds";

    public async Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (url.IsFile)
        {
            return await ReadFileAsync(url, lastModified, settings.MaxBodyBytes, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5");
            if (!string.IsNullOrEmpty(etag))
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }

            if (!string.IsNullOrEmpty(lastModified))
            {
                request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            }

            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var finalUrl = response.RequestMessage?.RequestUri ?? url;
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return FetchResult.NotModified(finalUrl, etag, lastModified, status);
            }

            if (!response.IsSuccessStatusCode)
            {
                return FetchResult.Failed(finalUrl, DescribeStatus(response), status);
            }

            if (response.Content.Headers.ContentLength is { } length && length > settings.MaxBodyBytes)
            {
                return FetchResult.Failed(finalUrl, $"body of {length} bytes exceeds the cap of {settings.MaxBodyBytes} bytes (Monitor:Fetch:MaxBodyBytes)", status);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            var body = await ReadCappedAsync(stream, settings.MaxBodyBytes, timeout.Token);
            if (body is null)
            {
                return FetchResult.Failed(finalUrl, $"body exceeds the cap of {settings.MaxBodyBytes} bytes (Monitor:Fetch:MaxBodyBytes)", status);
            }

            return new FetchResult(
                FetchOutcome.Content,
                body,
                response.Content.Headers.ContentType?.ToString(),
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
                finalUrl,
                status,
                null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResult.Failed(url, $"timed out after {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return FetchResult.Failed(url, ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            return FetchResult.Failed(url, "timed out");
        }
    }

    private static string DescribeStatus(HttpResponseMessage response)
    {
        var text = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            text += retryAfter.Delta is { } delta
                ? $" (Retry-After {delta.TotalSeconds:0} s)"
                : $" (Retry-After {retryAfter.Date:R})";
        }

        return text;
    }

    private static async Task<FetchResult> ReadFileAsync(Uri url, string? lastModified, long cap, CancellationToken cancellationToken)
    {
        var path = url.LocalPath;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return FetchResult.Failed(url, $"file not found: {path}");
        }

        var stamp = info.LastWriteTimeUtc.ToString("O", CultureInfo.InvariantCulture) + "/" + info.Length.ToString(CultureInfo.InvariantCulture);
        if (stamp == lastModified)
        {
            return FetchResult.NotModified(url, null, lastModified, null);
        }

        if (info.Length > cap)
        {
            return FetchResult.Failed(url, $"file of {info.Length} bytes exceeds the cap of {cap} bytes (Monitor:Fetch:MaxBodyBytes)");
        }

        try
        {
            var body = await File.ReadAllBytesAsync(path, cancellationToken);
            return new FetchResult(FetchOutcome.Content, body, null, null, stamp, url, null, null);
        }
        catch (IOException ex)
        {
            return FetchResult.Failed(url, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return FetchResult.Failed(url, ex.Message);
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long cap, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
