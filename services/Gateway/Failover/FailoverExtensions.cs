using Yarp.ReverseProxy.Health;

namespace Platform.Gateway.Failover;

/// <summary>Failover at the gateway: a dead replica leaves the rotation, and costs no request that was safe to retry.</summary>
public static class FailoverExtensions
{
    public static IReverseProxyBuilder AddFailover(this IReverseProxyBuilder proxy)
    {
        proxy.Services.AddSingleton<IPassiveHealthCheckPolicy, UnreachableReplicaPolicy>();
        // One failed readiness probe is enough: a replica that is not ready must not take requests.
        proxy.Services.Configure<ConsecutiveFailuresHealthPolicyOptions>(options => options.DefaultThreshold = 1);
        return proxy;
    }

    /// <summary>YARP's default pipeline, inside the error shape and the retry loop: each attempt is load balanced and health-checked anew.</summary>
    public static void UseFailover(this IReverseProxyApplicationBuilder pipeline)
    {
        pipeline.Use(ForwardingErrors.InvokeAsync);
        pipeline.Use(SafeRetry.InvokeAsync);
        pipeline.UseSessionAffinity();
        pipeline.UseLoadBalancing();
        pipeline.UsePassiveHealthChecks();
    }
}
