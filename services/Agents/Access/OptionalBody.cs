using System.Text.Json;
using Platform.Infrastructure.Errors;

namespace Platform.Agents.Access;

/// <summary>
/// A JSON body the endpoint can do without (verify, refresh, revoke): absent is a null <see cref="Value"/>, unreadable
/// a <see cref="Problem"/> (415 or 400). Read in a Load step where Wolverine's body binding would refuse an empty body.
/// </summary>
public sealed record OptionalBody<T>(T? Value, Refused? Problem) where T : class;

public static class OptionalBody
{
    public static async Task<OptionalBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0) return new(null, null);
        if (!request.HasJsonContentType()) return new(null, ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "The request body must be application/json"));
        try
        {
            return new(await request.ReadFromJsonAsync<T>(ct), null);
        }
        catch (JsonException)
        {
            return new(null, ApiError.BadRequest("The request body is not valid JSON"));
        }
    }
}
