using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Failover;

/// <summary>
/// Passive health: a replica that could not be reached leaves the rotation at once, until the
/// reactivation period has passed. YARP's own policy waits for a failure rate over at least ten
/// requests in a minute, during which a dead replica kept half the traffic.
/// </summary>
public sealed class UnreachableReplicaPolicy(IDestinationHealthUpdater health) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "UnreachableReplica";

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        if (!NoReplicaAnswered(context)) return;
        var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(5);
        health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
    }

    /// <summary>
    /// The request reached no replica, or the replica died before it answered: a refused or reset
    /// connection, a timeout, a request body it stopped reading. A client that went away says
    /// nothing about the replica, and an answer of any status is an answer.
    /// </summary>
    public static bool NoReplicaAnswered(HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested
        && !context.Response.HasStarted
        && context.Features.Get<IForwarderErrorFeature>()?.Error
            is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination;
}
