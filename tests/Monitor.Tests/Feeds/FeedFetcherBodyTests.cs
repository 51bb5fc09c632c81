using System.Net;
using Microsoft.Extensions.Options;
using Monitor.Feeds;
using Monitor.Options;

namespace Monitor.Tests.Feeds;

/// <summary>
/// How <see cref="FeedFetcher"/> reads a response body: sized by its Content-Length when it has one, whether that is
/// true, too large or too small, gathered in pooled buffers when it has none; always returned in an array of its own
/// size, and never beyond the cap (Monitor:Fetch:MaxBodyBytes), whatever the headers say.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FeedFetcherBodyTests
{
    private const int Cap = 200_000;
    private static readonly Uri FeedUrl = new("https://wire.example/feed.xml");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16 * 1024)]
    [InlineData(int.MaxValue)]
    public async Task Given_a_true_content_length_when_fetched_in_reads_of_any_size_then_the_body_is_returned_exactly(int readSize)
    {
        var body = Body(150_000);

        var result = await FetchAsync(new ServedBody(body, readSize), declaredLength: body.Length);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(body, result.Body);
    }

    [Fact]
    public async Task Given_a_content_length_larger_than_the_body_when_the_stream_ends_early_then_the_bytes_received_are_returned()
    {
        var body = Body(40_000);

        var result = await FetchAsync(new ServedBody(body, 4096), declaredLength: 100_000);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(body, result.Body);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10_000)]
    [InlineData(39_999)]
    public async Task Given_a_content_length_smaller_than_the_body_when_the_stream_goes_on_then_the_whole_body_is_returned(int declaredLength)
    {
        var body = Body(40_000);

        var result = await FetchAsync(new ServedBody(body, 4096), declaredLength);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(body, result.Body);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(Cap)]
    public async Task Given_a_content_length_within_the_cap_when_the_body_goes_on_past_the_cap_then_the_fetch_fails_naming_the_cap(int declaredLength)
    {
        var served = new ServedBody(Body(Cap + 50_000), 8192);

        var result = await FetchAsync(served, declaredLength);

        AssertCapped(result);
        Assert.True(served.Consumed < Cap + 50_000, "the body was read to its end past the cap");
    }

    [Fact]
    public async Task Given_a_content_length_above_the_cap_when_fetched_then_it_fails_without_reading_the_body()
    {
        var served = new ServedBody(Body(1000), 4096);

        var result = await FetchAsync(served, declaredLength: Cap + 1);

        AssertCapped(result);
        Assert.Equal(0, served.Consumed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_a_body_of_exactly_the_cap_when_fetched_with_or_without_a_content_length_then_it_is_returned(bool withLength)
    {
        var body = Body(Cap);

        var result = await FetchAsync(new ServedBody(body, 3000), withLength ? body.Length : null);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(body, result.Body);
    }

    [Fact]
    public async Task Given_no_content_length_when_the_body_is_one_byte_over_the_cap_then_the_fetch_fails_naming_the_cap()
    {
        var result = await FetchAsync(new ServedBody(Body(Cap + 1), 3000), declaredLength: null);

        AssertCapped(result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(190_000)]
    public async Task Given_no_content_length_when_a_body_of_any_size_is_read_then_it_is_returned_whole(int length)
    {
        var body = Body(length);

        var result = await FetchAsync(new ServedBody(body, 5000), declaredLength: null);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Equal(body, result.Body);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(null)]
    public async Task Given_an_empty_body_with_or_without_a_content_length_when_fetched_then_the_body_is_empty(long? declaredLength)
    {
        var result = await FetchAsync(new ServedBody([], 4096), declaredLength);

        Assert.Equal(FetchOutcome.Content, result.Outcome);
        Assert.Empty(result.Body);
    }

    private static void AssertCapped(FetchResult result)
    {
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains($"cap of {Cap} bytes", result.Error, StringComparison.Ordinal);
        Assert.Contains("MaxBodyBytes", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Body);
    }

    private static async Task<FetchResult> FetchAsync(ServedBody served, long? declaredLength)
    {
        using var handler = new BodyHandler(served, declaredLength);
        var fetcher = new FeedFetcher(new SingleClientFactory(handler), new FixedOptions(new FetchOptions { MaxBodyBytes = Cap }), TimeProvider.System);
        return await fetcher.FetchAsync(FeedUrl, null, null, CancellationToken.None);
    }

    /// <summary>Bytes that are not all alike, so that a piece copied to the wrong place shows.</summary>
    private static byte[] Body(int length)
    {
        var body = new byte[length];
        for (var i = 0; i < length; i++)
        {
            body[i] = (byte)(i * 31 % 251);
        }

        return body;
    }

    /// <summary>A response body as a network stream gives it: at most <paramref name="readSize"/> bytes a read, no length, no seeking.</summary>
    private sealed class ServedBody(byte[] body, int readSize) : Stream
    {
        /// <summary>Bytes read so far.</summary>
        public int Consumed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(buffer.Length, readSize), body.Length - Consumed);
            body.AsSpan(Consumed, count).CopyTo(buffer);
            Consumed += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Answers every request with 200 and the body, with the Content-Length it is told to declare (none when null).</summary>
    private sealed class BodyHandler(ServedBody body, long? declaredLength) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = declaredLength;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class FixedOptions(FetchOptions options) : IOptionsMonitor<FetchOptions>
    {
        public FetchOptions CurrentValue => options;

        public FetchOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<FetchOptions, string?> listener) => null;
    }
}
