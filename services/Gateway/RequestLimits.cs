using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.ServiceDefaults;

namespace Platform.Gateway;

/// <summary>
/// Kestrel answers an over-long request line (414) or header block (431) before any middleware, with an
/// empty body. The gateway is the public entry, so its Kestrel accepts far more and this middleware refuses,
/// in the platform's error shape, whatever the services' own Kestrel (default limits) would refuse bare.
/// </summary>
public static class RequestLimits
{
    /// <summary>A service's request line is at most 8 KiB; this leaves room for the method and version.</summary>
    public const int MaxUrlBytes = 8_000;

    /// <summary>A service accepts 32 KiB of headers (100 of them); this leaves room for the X-Forwarded-* the gateway adds.</summary>
    public const int MaxHeaderBytes = 30 * 1024;

    public const int MaxHeaderCount = 90;

    public static void RaiseKestrel(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 64 * 1024;
        limits.MaxRequestHeadersTotalSize = 128 * 1024;
        limits.MaxRequestHeaderCount = 400;
    }

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Refusal(context.Request) is { } refusal)
        {
            context.Response.StatusCode = refusal.StatusCode;
            await context.Response.WriteAsJsonAsync(refusal);
            return;
        }
        await next(context);
    }

    private static ApiError? Refusal(HttpRequest request)
    {
        if (request.Path.ToUriComponent().Length + request.QueryString.Value?.Length > MaxUrlBytes)
            return ApiError.For(StatusCodes.Status414UriTooLong, $"The URL must be at most {MaxUrlBytes} bytes; send large input in a request body");
        var headerBytes = 0;
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
                headerBytes += name.Length + (value?.Length ?? 0);
        return request.Headers.Count > MaxHeaderCount || headerBytes > MaxHeaderBytes
            ? ApiError.For(StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request headers must be at most {MaxHeaderCount} fields and {MaxHeaderBytes / 1024} KiB in all")
            : null;
    }
}
