using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.Gateway.Failover;

/// <summary>A small request body kept in memory, so that a retry can send it again.</summary>
public sealed class ReplayableBody
{
    private readonly byte[] _content;

    private ReplayableBody(byte[] content) => _content = content;

    /// <summary>
    /// Reads the whole body when it is at most <paramref name="limit"/> bytes. A larger one is left
    /// unconsumed (only looked at) and null returned: it is forwarded as it streams, never retried.
    /// </summary>
    public static async Task<ReplayableBody?> ReadAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit) return null;
        var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (!canHaveBody || request.ContentLength == 0) return new ReplayableBody([]);

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
            if (read.Buffer.Length > limit)
            {
                reader.AdvanceTo(read.Buffer.Start);
                request.Body = reader.AsStream(); // from the first byte, whatever stream the body was before
                return null;
            }
            if (read.IsCompleted)
            {
                var content = read.Buffer.ToArray();
                reader.AdvanceTo(read.Buffer.End);
                return new ReplayableBody(content);
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End); // nothing consumed: wait for more
        }
    }

    /// <summary>Makes the request's body this content again, from its first byte.</summary>
    public void Rewind(HttpRequest request)
    {
        if (_content.Length > 0) request.Body = new MemoryStream(_content, writable: false);
    }
}
