namespace Platform.Infrastructure.Errors;

/// <summary>
/// The request's JSON body as <see cref="InputGuard"/> read and checked it (a request feature). An endpoint on a hot
/// path deserializes these bytes directly instead of reading the body again through a stream and a pipe reader.
/// </summary>
public sealed record CheckedJsonBody(ReadOnlyMemory<byte> Utf8);
