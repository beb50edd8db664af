using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PersonaExplorer.Data;

/// <summary>Ready = the database answers and no migration is pending (a load balancer keeps traffic away otherwise).</summary>
internal sealed class DatabaseReadyCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public const string Tag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var pending = await migrator.PendingAsync(ct);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, schema current.")
                : HealthCheckResult.Unhealthy($"Schema out of date: {pending.Count} pending migration(s).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", e);
        }
    }
}
