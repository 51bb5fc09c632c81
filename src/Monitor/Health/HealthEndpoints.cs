using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Monitor.Hosting.Web;

namespace Monitor.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (scheduler running, database reachable; 503 otherwise).</summary>
public sealed class HealthEndpoints(HealthChecker checker) : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health/live", () => Results.Json(LiveStatus.Alive, HealthJson.Default.LiveStatus));
        endpoints.MapGet("/health/ready", async (CancellationToken ct) =>
        {
            var report = await checker.CheckAsync(ct);
            return Results.Json(report, HealthJson.Default.HealthReport, statusCode: report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
