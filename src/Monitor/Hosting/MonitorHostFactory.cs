using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;

namespace Monitor.Hosting;

/// <summary>Builds the generic host for a command: appsettings.json next to the binary, then environment, then command-line overrides.</summary>
public static class MonitorHostFactory
{
    public static IHost Build(HostSettings settings)
    {
        // The empty builder plus exactly what Monitor uses: the default one also watches appsettings files for changes
        // and registers event-log, debug and event-source loggers, which a one-shot command pays for at every start.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } environment ? environment : Environments.Production,
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        var overrides = new Dictionary<string, string?>(settings.Overrides ?? new Dictionary<string, string?>());
        if (settings.DataDir is not null)
        {
            overrides["Monitor:DataDir"] = settings.DataDir;
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        var dataDir = builder.Configuration["Monitor:DataDir"];
        builder.Configuration["Monitor:DataDir"] = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDir) ? "./data" : dataDir);

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (settings.MinimumLogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
            builder.Logging.AddFilter((string?)null, level);
            builder.Logging.AddFilter("Monitor", level);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", level);
        }

        // Finish a digest in flight within docker's default 10 s stop timeout; what cannot finish stays pending.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(8));
        builder.Services.AddMonitorCore(builder.Configuration, new MonitorPaths(Path.GetFullPath(settings.ConfigPath)));
        if (settings.Scheduling)
        {
            builder.Services.AddMonitorScheduling(builder.Configuration);
        }

        return builder.Build();
    }
}
