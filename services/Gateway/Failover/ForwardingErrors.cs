using Platform.Infrastructure.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Failover;

/// <summary>
/// A request the gateway could not forward is answered in the platform's error shape
/// (<c>{"statusCode":502,"error":"Bad Gateway","message":"…"}</c>), not with the proxy's empty body.
/// </summary>
public static class ForwardingErrors
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Features.Get<IForwarderErrorFeature>() is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            return;
        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status502BadGateway => "The service could not be reached",
            StatusCodes.Status503ServiceUnavailable => "No replica of the service is available",
            StatusCodes.Status504GatewayTimeout => "The service did not answer in time",
            _ => null,
        };
        if (message is not null) await context.Response.WriteAsJsonAsync(ApiError.For(context.Response.StatusCode, message));
    }
}
