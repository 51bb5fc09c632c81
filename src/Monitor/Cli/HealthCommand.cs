using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Health;
using Monitor.Options;

namespace Monitor.Cli;

/// <summary>
/// <c>health</c>: asks the running service's <c>/health/ready</c> endpoint and exits 0 when healthy, 1 otherwise. Used by
/// the container's HEALTHCHECK, so the image needs no curl.
/// </summary>
internal static class HealthCommand
{
    private static readonly Option<string?> Url = new("--url") { Description = "Base URL of the service (default http://127.0.0.1:<Monitor:Http:Port>)" };

    public static Command Create(CliContext context)
    {
        var command = new Command("health", "Check the running service: scheduler, database, failing feeds (exit 0 healthy, 1 not)");
        command.Options.Add(Url);
        command.SetAction(async (parse, ct) =>
        {
            var baseUrl = parse.GetValue(Url);
            if (baseUrl is null)
            {
                using var host = context.BuildHost(parse, scheduling: false);
                var http = host.Services.GetRequiredService<IOptions<HttpOptions>>().Value;
                if (!http.Enabled)
                {
                    await context.Error.WriteLineAsync("error: the service's HTTP endpoint is off (set Monitor:Http:Port) and no --url was given");
                    return ExitCodes.InvalidConfig;
                }

                baseUrl = $"http://127.0.0.1:{http.Port}";
            }

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                using var response = await client.GetAsync(new Uri(new Uri(baseUrl), "/health/ready"), ct);
                var report = await response.Content.ReadFromJsonAsync(HealthJson.Default.HealthReport, ct);
                if (report is null)
                {
                    await context.Error.WriteLineAsync($"error: {baseUrl}: empty health report (HTTP {(int)response.StatusCode})");
                    return ExitCodes.Failure;
                }

                await context.Out.WriteLineAsync($"{report.Status}: scheduler {report.Scheduler}, database {report.Database}{(report.DatabaseError is null ? string.Empty : $" ({report.DatabaseError})")}, {report.Feeds} feeds, {report.FailingFeeds.Count} failing");
                foreach (var feed in report.FailingFeeds)
                {
                    await context.Out.WriteLineAsync($"  failing: {feed.Id}: {feed.LastError} ({feed.ConsecutiveFailures} in a row)");
                }

                return report.IsHealthy ? ExitCodes.Ok : ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or UriFormatException)
            {
                await context.Error.WriteLineAsync($"error: {baseUrl}: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
