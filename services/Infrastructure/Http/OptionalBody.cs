using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Platform.Infrastructure.Errors;

namespace Platform.Infrastructure.Http;

/// <summary>
/// A JSON body the endpoint can do without (Agents' verify, refresh and revoke; Audit's secret rotation): absent (or <c>null</c>) is a null <see cref="Value"/>, unreadable a
/// <see cref="Problem"/> (415 or 400). Read in a Load step where Wolverine's body binding would refuse an empty body.
/// </summary>
public sealed record OptionalJsonBody<T>(T? Value, Refused? Problem) where T : class;

public static class OptionalJsonBody
{
    public static async Task<OptionalJsonBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
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
