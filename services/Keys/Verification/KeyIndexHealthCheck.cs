using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Keys.Verification;

/// <summary>Not ready until the index holds every key: a replica must not refuse valid keys while loading.</summary>
public sealed class KeyIndexHealthCheck(KeyIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(index.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("key index is loading"));
}
