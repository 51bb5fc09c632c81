using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Monitor.LoadTest;

/// <summary>
/// An SMTP server on 127.0.0.1 (SmtpServer library) that accepts every message and only counts it. Its sockets send at
/// once (no Nagle delay): the library's replies come in several writes, and a client that pipelines would otherwise
/// wait for a delayed ACK (about 40 ms) per message, which is the sink's time, not the client's.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Counter _counter = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _cts;
    private Task? _running;

    private SmtpSink(int port) => Port = port;

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var sink = new SmtpSink(FreePort());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, sink.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore(sink._counter));
        services.Add(new NoDelayListenerFactory());
        sink._cts = new CancellationTokenSource();
        sink._server = new SmtpServer.SmtpServer(options, services);
        sink._running = sink._server.StartAsync(sink._cts.Token);
        await sink.WaitUntilListeningAsync();
        return sink;
    }

    /// <summary>One message of about 200 KB through a plain SMTP conversation, before anything is measured (the sink's first session compiles its code; see <see cref="FeedHost.WarmUpAsync"/>).</summary>
    public async Task WarmUpAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        async Task ExpectAsync(string code)
        {
            string? line;
            do
            {
                line = await reader.ReadLineAsync() ?? throw new IOException("the SMTP sink closed the connection");
            }
            while (line.Length > 3 && line[3] == '-');
            if (!line.StartsWith(code, StringComparison.Ordinal))
            {
                throw new IOException($"SMTP sink warm-up: expected {code}, got {line}");
            }
        }

        await ExpectAsync("220");
        await writer.WriteLineAsync("EHLO warmup");
        await ExpectAsync("250");
        await writer.WriteLineAsync("MAIL FROM:<warmup@loadtest.invalid>");
        await ExpectAsync("250");
        await writer.WriteLineAsync("RCPT TO:<warmup@loadtest.invalid>");
        await ExpectAsync("250");
        await writer.WriteLineAsync("DATA");
        await ExpectAsync("354");
        await writer.WriteLineAsync("Subject: warm-up");
        await writer.WriteLineAsync();
        for (int i = 0; i < 2_000; i++)
        {
            await writer.WriteLineAsync("The quick brown fox jumps over the lazy dog, warming up the sink's message path.");
        }

        await writer.WriteLineAsync(".");
        await ExpectAsync("250");
        await writer.WriteLineAsync("QUIT");
        await ExpectAsync("221");
        TakeCount();
    }

    /// <summary>Messages accepted since the last call.</summary>
    public long TakeCount() => Interlocked.Exchange(ref _counter.Messages, 0);

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _cts!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }
        catch (TimeoutException)
        {
        }

        _cts.Dispose();
        _server = null;
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"SMTP sink did not start on port {Port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Counter
    {
        public long Messages;
    }

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener, IDisposable
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new StreamPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class StreamPipe : ISecurableDuplexPipe
    {
        private readonly TcpClient _client;

        public StreamPipe(TcpClient client)
        {
            _client = client;
            var stream = client.GetStream();
            Input = PipeReader.Create(stream);
            Output = PipeWriter.Create(stream);
        }

        public PipeReader Input { get; }

        public PipeWriter Output { get; }

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the sink offers no TLS");

        public void Dispose() => _client.Dispose();
    }

    private sealed class CountingStore(Counter counter) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter.Messages);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
