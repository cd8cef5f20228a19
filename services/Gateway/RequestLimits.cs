using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Infrastructure.Errors;

namespace Platform.Gateway;

/// <summary>
/// Kestrel answers an over-long request line (414) or header block (431) before any middleware, with an
/// empty body. The gateway is the public entry, so its Kestrel accepts far more and this middleware refuses,
/// in the path's error shape, whatever the services' own Kestrel (default limits) would refuse bare. So too a
/// header value that is not ASCII, which Kestrel would otherwise answer with an empty 400.
/// </summary>
public static class RequestLimits
{
    /// <summary>A service's request line is at most 8 KiB; this leaves room for the method and version.</summary>
    public const int MaxUrlBytes = 8_000;

    /// <summary>A service accepts 32 KiB of headers (100 of them); this leaves room for the X-Forwarded-* the gateway adds.</summary>
    public const int MaxHeaderBytes = 30 * 1024;

    public const int MaxHeaderCount = 90;

    /// <summary>
    /// Kestrel refuses a header byte past ASCII with a bare 400 unless told how to decode it. Latin-1 maps every
    /// byte to one char, so nothing fails to decode and <see cref="Refusal"/> refuses it, naming the header.
    /// </summary>
    public static void DecodeHeadersAsLatin1(KestrelServerOptions kestrel) =>
        kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;

    public static void RaiseKestrel(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 64 * 1024;
        limits.MaxRequestHeadersTotalSize = 128 * 1024;
        limits.MaxRequestHeaderCount = 400;
    }

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Refusal(context.Request) is var (status, message))
        {
            await ErrorShapes.WriteAsync(context, status, message);
            return;
        }
        await next(context);
    }

    private static (int Status, string Message)? Refusal(HttpRequest request)
    {
        if (request.Path.ToUriComponent().Length + request.QueryString.Value?.Length > MaxUrlBytes)
            return (StatusCodes.Status414UriTooLong, $"The URL must be at most {MaxUrlBytes} bytes; send large input in a request body");
        var headerBytes = 0;
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
            {
                // Kestrel decoded the bytes as Latin-1 (DecodeHeadersAsLatin1), so every byte past ASCII shows here as one char.
                if (value?.Any(c => c > '\x7F') == true) return (StatusCodes.Status400BadRequest, $"The {name} header must be ASCII text");
                headerBytes += name.Length + (value?.Length ?? 0);
            }
        return request.Headers.Count > MaxHeaderCount || headerBytes > MaxHeaderBytes
            ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, $"The request headers must be at most {MaxHeaderCount} fields and {MaxHeaderBytes / 1024} KiB in all")
            : null;
    }
}
