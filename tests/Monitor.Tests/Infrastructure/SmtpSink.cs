using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Mail;
using SmtpServer.Storage;

namespace Monitor.Tests.Infrastructure;

/// <summary>A real SMTP server on loopback (SmtpServer library) that keeps what it receives; can be stopped and restarted on the same port.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly string? _user;
    private readonly string? _password;
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _cts;
    private Task? _running;

    private SmtpSink(int port, string? user, string? password)
    {
        Port = port;
        _user = user;
        _password = password;
    }

    public int Port { get; }

    /// <summary>How long the server takes to accept each message (to catch a sender in the middle of a send).</summary>
    public TimeSpan AcceptDelay { get; set; }

    /// <summary>Recipients refused at RCPT TO with 550.</summary>
    public HashSet<string> RejectedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<MimeMessage> Messages => _messages.ToArray();

    public static SmtpSink Create(string? user = null, string? password = null) => new(FreePorts.Next(), user, password);

    public IReadOnlyDictionary<string, string?> Settings(string? user = null, string? password = null) => new Dictionary<string, string?>
    {
        ["Monitor:Smtp:Host"] = "127.0.0.1",
        ["Monitor:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Monitor:Smtp:Security"] = "None",
        ["Monitor:Smtp:Username"] = user,
        ["Monitor:Smtp:Password"] = password,
        ["Monitor:Smtp:From"] = "Monitor <monitor@test.local>",
        ["Monitor:Smtp:Timeout"] = "00:00:10",
    };

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).AllowUnsecureAuthentication(true).AuthenticationRequired(_user is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages, this));
        services.Add(new DelegatingMailboxFilter((_, first, second) => !RejectedRecipients.Contains(first.AsAddress()) && !RejectedRecipients.Contains(second.AsAddress())));
        if (_user is not null)
        {
            services.Add(new DelegatingUserAuthenticator((u, p) => u == _user && p == _password));
        }

        _cts = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_cts.Token);
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
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

        _cts.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

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


    private sealed class Store(ConcurrentQueue<MimeMessage> messages, SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (sink.AcceptDelay > TimeSpan.Zero)
            {
                await Task.Delay(sink.AcceptDelay, cancellationToken);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
