using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Failover;

/// <summary>
/// Sends a request that no replica answered to another replica, when sending it twice changes
/// nothing. A command (issue, revoke…) is never sent twice: the replica may have applied it before it died.
/// </summary>
public static class SafeRetry
{
    /// <summary>Larger bodies are not kept, so such requests are not retried.</summary>
    public const int MaxBufferedBody = 64 * 1024;

    private const int MaxRetries = 2;

    /// <summary>POSTs that only read: verifying an API key or an agent credential, introspecting a token.</summary>
    public static readonly IReadOnlyList<PathString> ReadOnlyPosts = ["/api/keys/verify", "/api/agents/verify", "/oauth/introspect"];

    public static bool IsSafe(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
        || (HttpMethods.IsPost(request.Method) && ReadOnlyPosts.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)));

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var body = IsSafe(context.Request) ? await ReplayableBody.ReadAsync(context.Request, MaxBufferedBody) : null;
        if (body is null)
        {
            await next(context);
            return;
        }

        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        var tried = new List<DestinationState>();
        for (var retry = 0; ; retry++)
        {
            body.Rewind(context.Request);
            await next(context);
            if (retry == MaxRetries || !UnreachableReplicaPolicy.NoReplicaAnswered(context)) return;

            tried.Add(proxy.ProxiedDestination!);
            var untried = candidates.Except(tried).ToArray();
            // A lone destination (replicas behind one proxied address) is tried once more: the next
            // connection may reach a live replica.
            if (untried.Length == 0 && retry > 0) return;
            proxy.AvailableDestinations = untried.Length > 0 ? untried : candidates;
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.Clear();
        }
    }
}
