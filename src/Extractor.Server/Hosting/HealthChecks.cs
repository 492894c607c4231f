using System.Text.Json;
using Extractor.Storage;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Extractor.Server.Hosting;

public sealed class DatabaseHealthCheck(ExtractorDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{db.Database.ProviderName} reachable")
            : HealthCheckResult.Unhealthy("database unreachable");
}

public sealed class HangfireHealthCheck(JobStorage storage, WorkerIdentity identity) : IHealthCheck
{
    /// <summary>Hangfire's default heartbeat interval is 30 s: a heartbeat older than two intervals means a starved or stuck server.</summary>
    public static readonly TimeSpan StaleHeartbeat = TimeSpan.FromSeconds(60);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var monitoring = storage.GetMonitoringApi();
            var stats = monitoring.GetStatistics();
            var description = $"{stats.Servers} worker server(s), {stats.Enqueued} enqueued, {stats.Processing} processing, {stats.Failed} failed";
            if (identity.ServerName is { } name)
            {
                // A worker also reports its own heartbeat: CPU-bound jobs must not starve it (deploy/README.md, Hangfire tuning).
                var own = monitoring.Servers().FirstOrDefault(s => s.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase));
                if (own?.Heartbeat is not { } beat)
                {
                    return Task.FromResult(HealthCheckResult.Degraded($"{description}; own Hangfire server not registered yet"));
                }
                var age = DateTime.UtcNow - beat;
                description += $"; own heartbeat {Math.Max(0, age.TotalSeconds):F0} s ago";
                if (age > StaleHeartbeat)
                {
                    return Task.FromResult(HealthCheckResult.Degraded(description));
                }
            }
            return Task.FromResult(HealthCheckResult.Healthy(description));
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire storage unreachable", ex));
        }
    }
}

public static class HealthSetup
{
    public static IServiceCollection AddStoreHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<HangfireHealthCheck>("hangfire");
        return services;
    }

    public static IEndpointConventionBuilder MapStoreHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();

    /// <summary>Status per check with its description; exception details stay in the logs.</summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
