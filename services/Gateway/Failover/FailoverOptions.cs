using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Platform.Gateway.Failover;

/// <summary>How fast a replica leaves the rotation and comes back (configuration <c>Gateway:Failover</c>).</summary>
public sealed record FailoverOptions
{
    /// <summary>How long a replica that could not be reached stays out before it is tried again.</summary>
    public TimeSpan ReactivationPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each replica's readiness is probed.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public static FailoverOptions From(IConfiguration configuration) =>
        configuration.GetSection("Gateway:Failover").Get<FailoverOptions>() ?? new();

    public HealthCheckConfig HealthCheck() => new()
    {
        // Requests find a dead replica first: one that cannot be reached is out at once (UnreachableReplicaPolicy).
        Passive = new PassiveHealthCheckConfig
        {
            Enabled = true,
            Policy = UnreachableReplicaPolicy.PolicyName,
            ReactivationPeriod = ReactivationPeriod,
        },
        // Probes add what requests cannot see: a replica that listens but is not ready (a restarted Keys
        // replica answers verify with 503 until its key index is loaded), or that hangs. /health is
        // readiness, /alive only liveness; one failed probe takes a replica out, one success brings it back.
        Active = new ActiveHealthCheckConfig
        {
            Enabled = true,
            Interval = ProbeInterval,
            Timeout = ProbeTimeout,
            Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
            Path = "/health",
        },
        // With every replica out (the database down, or one proxied address), keep trying them all:
        // a 503 from the gateway for the whole reactivation period would be worse.
        AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
    };
}
