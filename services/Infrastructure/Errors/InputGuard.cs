using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Platform.Sdk.ResourceServer;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// Refuses, before any endpoint binds it, input no route can use: a NUL character (PostgreSQL stores none,
/// in text or jsonb) in the path, the query or any JSON string, a JSON body that is <c>null</c>, and a
/// JSON body in a charset other than UTF-8 (RFC 8259 §8.1) or not UTF-8 at all. One rule here instead of one per field.
/// </summary>
internal sealed class InputGuard(RequestDelegate next)
{
    /// <summary>Management bodies are a few hundred bytes; this bounds what is buffered to be checked.</summary>
    public const int MaxJsonBodyBytes = 1024 * 1024;

    /// <summary>OAuth protocol endpoints answer in RFC 6749's error shape, not the seed's, and check their own input.</summary>
    private static readonly PathString[] ProtocolPaths = ["/oauth", "/.well-known"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!ProtocolPaths.Any(context.Request.Path.StartsWithSegments) && await ProblemAsync(context.Request) is { } problem)
        {
            context.Response.StatusCode = problem.StatusCode;
            await context.Response.WriteAsJsonAsync(problem);
            return;
        }
        await next(context);
    }

    private static async Task<Refusal?> ProblemAsync(HttpRequest request)
    {
        if (request.Path.Value?.Contains('\0') == true) return BadRequest("the path must not contain the NUL character (U+0000)");
        foreach (var (name, values) in request.Query)
            if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true))
                return BadRequest($"query parameter '{name.Replace("\0", "")}' must not contain the NUL character (U+0000)");

        if (!HasBody(request) || !request.HasJsonContentType()) return null;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Parameters.Any(NotUtf8Charset))
            return ApiError.For(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json with charset utf-8 (or no charset)");
        if (request.ContentLength > MaxJsonBodyBytes) return TooLarge();

        var body = await ReadAsync(request);
        if (body is null) return TooLarge();
        // Note: the endpoint reads the body again from these bytes (through the stream, or on a hot path straight from
        // CheckedJsonBody); EnableBuffering's file-backed stream cost more per request than the whole check on verify.
        request.Body = new MemoryStream(body, writable: false);
        request.HttpContext.Features.Set(new CheckedJsonBody(body));
        return JsonText.Problem(body, nullAllowed: !RequiresBody(request.HttpContext)) is { } message ? BadRequest(message) : null;
    }

    /// <summary>A charset parameter naming anything but UTF-8; an empty one (<c>charset=</c>) too, which readers fail to look up.</summary>
    private static bool NotUtf8Charset(NameValueHeaderValue parameter)
    {
        if (!parameter.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)) return false;
        var charset = HeaderUtilities.RemoveQuotes(parameter.Value);
        return !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The endpoint binds a body (Wolverine publishes it as accepts metadata) rather than reading an optional one itself.</summary>
    private static bool RequiresBody(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null, IsOptional: false };

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    /// <summary>The whole body, or null past <see cref="MaxJsonBodyBytes"/> (a chunked body has no length to check first).</summary>
    private static async Task<byte[]?> ReadAsync(HttpRequest request)
    {
        var aborted = request.HttpContext.RequestAborted;
        // A declared length (already checked against the bound) is read straight into its own array.
        if (request.ContentLength is { } length)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, aborted);
            return exact;
        }
        using var copy = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, aborted)) > 0)
            {
                if (copy.Length + read > MaxJsonBodyBytes) return null;
                copy.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return copy.ToArray();
    }

    private static Refusal BadRequest(string message) => ApiError.For(StatusCodes.Status400BadRequest, message);

    private static Refusal TooLarge() => ApiError.For(StatusCodes.Status413PayloadTooLarge, $"a JSON body must be at most {MaxJsonBodyBytes / 1024} KiB");
}
