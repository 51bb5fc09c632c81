using System.Buffers;
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
public sealed class FeedFetcher(IHttpClientFactory httpClientFactory, IOptionsMonitor<FetchOptions> options, TimeProvider time)
{
    public const string HttpClientName = "feeds";

    /// <summary>Redirects followed per fetch (each is checked: no loops, no non-HTTP targets).</summary>
    public const int MaxRedirects = 5;

    /// <summary>The first pooled buffer for a body of unknown length (most feeds fit); it doubles from there.</summary>
    private const int InitialBufferBytes = 64 * 1024;

    /// <summary>The pooled buffer that checks that nothing follows a body of the declared length.</summary>
    private const int ProbeBytes = 1024;

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
            var client = httpClientFactory.CreateClient(HttpClientName);
            var current = url;
            var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
            var permanent = true;
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5");
                if (!string.IsNullOrEmpty(etag))
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                if (!string.IsNullOrEmpty(lastModified))
                {
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && status != 304 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                    {
                        return FetchResult.Failed(current, $"redirect to a non-HTTP address: {next}", status);
                    }

                    if (!visited.Add(next.AbsoluteUri))
                    {
                        return FetchResult.Failed(current, $"redirect loop: {current} -> {next}", status);
                    }

                    if (hop + 1 >= MaxRedirects)
                    {
                        return FetchResult.Failed(current, $"too many redirects (more than {MaxRedirects})", status);
                    }

                    permanent &= status is 301 or 308;
                    current = next;
                    continue;
                }

                var movedTo = permanent && hop > 0 ? current : null;
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return FetchResult.NotModified(current, etag, lastModified, status, movedTo);
                }

                if (!response.IsSuccessStatusCode)
                {
                    return FetchResult.Failed(current, DescribeStatus(response), status, RetryAfter(response));
                }

                if (response.Content.Headers.ContentLength is { } length && length > settings.MaxBodyBytes)
                {
                    return FetchResult.Failed(current, $"body of {length} bytes exceeds the cap of {settings.MaxBodyBytes} bytes (Monitor:Fetch:MaxBodyBytes)", status);
                }

                await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
                var body = await ReadCappedAsync(stream, response.Content.Headers.ContentLength, settings.MaxBodyBytes, timeout.Token);
                if (body is null)
                {
                    return FetchResult.Failed(current, $"body exceeds the cap of {settings.MaxBodyBytes} bytes (Monitor:Fetch:MaxBodyBytes)", status);
                }

                return new FetchResult(
                    FetchOutcome.Content,
                    body,
                    response.Content.Headers.ContentType?.ToString(),
                    response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
                    current,
                    status,
                    null,
                    null,
                    movedTo);
            }
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

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > time.GetUtcNow() => date - time.GetUtcNow(),
        _ => null,
    };

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

    /// <summary>
    /// The body, in an array of its size; null when it is longer than <paramref name="cap"/>. A declared length (the
    /// Content-Length, at most the cap) sizes the array the body is read into, with no other copy; a body of unknown
    /// length, or one that goes on past the declared length, is gathered in pooled buffers and copied once. The cap
    /// holds whatever the length header says.
    /// </summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long? declaredLength, long cap, CancellationToken cancellationToken)
    {
        byte[]? declared = null;
        if (declaredLength is > 0 and var length && length <= cap && length <= Array.MaxLength)
        {
            declared = GC.AllocateUninitializedArray<byte>((int)length);
            var read = await stream.ReadAtLeastAsync(declared, declared.Length, throwOnEndOfStream: false, cancellationToken);
            if (read < declared.Length)
            {
                return declared[..read]; // shorter than declared
            }
        }

        var prefix = declared?.Length ?? 0;
        var buffer = ArrayPool<byte>.Shared.Rent(declared is null ? InitialBufferBytes : ProbeBytes);
        try
        {
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= Array.MaxLength)
                    {
                        return null; // more than an array holds
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, Array.MaxLength));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                filled += read;
                if ((long)prefix + filled > cap)
                {
                    return null;
                }
            }

            if (declared is not null && filled == 0)
            {
                return declared; // the usual case: exactly the declared length
            }

            var body = GC.AllocateUninitializedArray<byte>(prefix + filled);
            declared?.CopyTo(body, 0);
            buffer.AsSpan(0, filled).CopyTo(body.AsSpan(prefix));
            return body;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
