using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Options;

namespace Monitor.Hosting.Web;

/// <summary>
/// Kestrel inside the worker, for health probes and the subscription pages, on <c>Monitor:Http:Port</c>. It resolves
/// endpoint dependencies from the service's own container, so it sees the same store, config and scheduler.
/// </summary>
public sealed class WebServer(IServiceProvider services, IOptions<HttpOptions> options, ILogger<WebServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(settings.BindAddress), settings.Port));
        var app = builder.Build();
        foreach (var module in services.GetServices<IEndpointModule>())
        {
            module.Map(app);
        }

        await app.StartAsync(cancellationToken);
        _app = app;
        logger.LogInformation("HTTP endpoints on {Address}:{Port}", settings.BindAddress, settings.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
