using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Agents.Verification;

/// <summary>Not ready until the index holds every live credential: a replica must not refuse valid ones while loading.</summary>
public sealed class CredentialIndexHealthCheck(CredentialIndex index) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(index.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("credential index is loading"));
}
