using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Monitor.Configuration;
using Monitor.Delivery;
using Monitor.Digests;
using Monitor.Feeds;
using Monitor.Health;
using Monitor.Hosting.Web;
using Monitor.Options;
using Monitor.Scheduling;
using Monitor.Storage;
using Monitor.Storage.Sql;
using Monitor.Subscriptions;
using Polly;
using Quartz;

namespace Monitor.Hosting;

public static class MonitorServiceCollectionExtensions
{
    /// <summary>Options, storage, config, fetching, matching and delivery: everything but the scheduler.</summary>
    public static IServiceCollection AddMonitorCore(this IServiceCollection services, IConfiguration configuration, MonitorPaths paths)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(paths);
        services.AddOptions<MonitorOptions>().Bind(configuration.GetSection(MonitorOptions.SectionName)).ValidateOnStart();
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitorOptions>, MonitorOptionsValidator>();
        services.AddSingleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>();

        services.AddSingleton<ConfigStore>();
        var storage = StorageSettings.From(configuration);
        services.AddSingleton(storage);
        services.AddSingleton<IMonitorStore>(sp => storage.UsesPostgres
            ? SqlMonitorStore.Postgres(storage.PostgresConnectionString!)
            : SqlMonitorStore.Sqlite(sp.GetRequiredService<IOptions<MonitorOptions>>().Value.DatabasePath, sp.GetRequiredService<IOptions<MonitorOptions>>().Value.DatabaseBusyTimeout));
        services.AddSingleton<ISubscriptionStore>(sp => new SqlSubscriptionStore(((SqlMonitorStore)sp.GetRequiredService<IMonitorStore>()).Dialect));
        services.AddSingleton<ISubscriberDirectory, SubscriberDirectory>();
        services.AddSingleton<SubscriptionLinks>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<DigestDelivery>();
        services.AddMonitorHttp(configuration);
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton(_ => new NearDuplicateGraph(new ItemSignatureCache()));
        services.AddSingleton<FeedPoller>();
        services.AddSingleton<IDigestTransport>(sp =>
        {
            var smtp = sp.GetRequiredService<IOptionsMonitor<SmtpOptions>>();
            return smtp.CurrentValue.IsConfigured
                ? new SmtpTransport(smtp)
                : new OutboxTransport(sp.GetRequiredService<IOptions<MonitorOptions>>().Value.OutboxDir, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<DigestService>();
        services.AddSingleton<CycleRunner>();
        return services;
    }

    /// <summary>The Quartz scheduler, the jobs' synchronizer and the feeds.json watcher: the long-running service.</summary>
    /// <remarks>
    /// With PostgreSQL configured, Quartz keeps its jobs in the same database (ADO.NET job store, clustered): each poll and
    /// each digest fires on exactly one replica, and the jobs of a replica that dies are recovered by the others.
    /// </remarks>
    public static IServiceCollection AddMonitorScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageSettings.From(configuration);
        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(tp => tp.MaxConcurrency = 8);

            // The job types by name for the native build (no type names resolved by reflection there): the clustered
            // store reads each job's type name back from the database, also for jobs another replica scheduled.
            q.AddJobType<PollFeedJob>();
            q.AddJobType<DigestJob>();
            if (storage.UsesPostgres)
            {
                q.ConfigureScheduler(o =>
                {
                    o.InstanceName = "monitor";
                    o.GenerateInstanceId = true;
                });
                q.UsePersistentStore(store =>
                {
                    // The driver by its factory, not by type names: nothing for the native build to lose.
                    store.UsePostgres(Npgsql.NpgsqlFactory.Instance, storage.PostgresConnectionString!);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                    store.ProvisionSchema();
                });
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<ScheduleSynchronizer>();
        services.AddHostedService<ConfigWatcher>();
        services.AddSingleton<HealthChecker>();
        services.AddSingleton<IEndpointModule, HealthEndpoints>();
        services.AddSingleton<IEndpointModule, SubscriptionEndpoints>();
        services.AddHostedService<SubscriptionWatcher>();
        services.AddHostedService<WebServer>();
        return services;
    }

    private static void AddMonitorHttp(this IServiceCollection services, IConfiguration configuration)
    {
        var fetch = configuration.GetSection(FetchOptions.SectionName).Get<FetchOptions>() ?? new FetchOptions();
        services.AddHttpClient(FeedFetcher.HttpClientName, client =>
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(fetch.UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan; // the fetcher's own token bounds the whole fetch
            })
            // FeedFetcher and FeedPoller log every fetch's outcome themselves; the factory's per-request logging handlers
            // (a scope and two level checks per request, for lines filtered out by default) cost more than they tell.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                AllowAutoRedirect = false, // followed by FeedFetcher, which notices permanent moves and loops
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .AddResilienceHandler("feed-retry", builder =>
            {
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(fetch.Retries, 1),
                    ShouldHandle = args => ValueTask.FromResult(fetch.Retries > 0 && IsTransient(args.Outcome)),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = fetch.RetryDelay,
                    MaxDelay = TimeSpan.FromSeconds(10),
                    ShouldRetryAfterHeader = false,
                });
            });
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return true;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var code = (int)response.StatusCode;
        return code is 408 or 502 or 503 or 504;
    }
}
