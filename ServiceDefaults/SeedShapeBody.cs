using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// Response body wrapper that turns ProblemDetails written by the frameworks (Wolverine answers
/// unreadable JSON that way) into the seed's error shape. Every other response passes straight
/// through: the decision is taken once, at the first write, from the content type.
/// </summary>
internal sealed class SeedShapeBody(HttpContext context, Stream inner) : Stream
{
    private const string ProblemJson = "application/problem+json";
    private MemoryStream? _problem;
    private bool _decided;

    private Stream Target
    {
        get
        {
            if (_decided) return _problem ?? inner;
            _decided = true;
            if (context.Response.ContentType?.StartsWith(ProblemJson, StringComparison.OrdinalIgnoreCase) == true) _problem = new MemoryStream();
            return _problem ?? inner;
        }
    }

    public async Task CompleteAsync()
    {
        if (_problem is null) return;
        var status = context.Response.StatusCode;
        var message = "The request could not be processed";
        try
        {
            using var problem = JsonDocument.Parse(_problem.ToArray());
            if (problem.RootElement.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } text) message = text;
        }
        catch (JsonException)
        {
            // Keep the generic message: a malformed problem body is still an error of that status.
        }
        context.Response.ContentLength = null;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(inner, ApiError.For(status, message), JsonSerializerOptions.Web);
    }

    public override void Write(byte[] buffer, int offset, int count) => Target.Write(buffer, offset, count);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Target.WriteAsync(buffer, offset, count, ct);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) => Target.WriteAsync(buffer, ct);
    public override void Flush() { if (_problem is null) inner.Flush(); }
    public override Task FlushAsync(CancellationToken ct) => _problem is null ? inner.FlushAsync(ct) : Task.CompletedTask;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
