using System.Text.Json;
using Platform.ServiceDefaults;

namespace Platform.Agents.Access;

/// <summary>A JSON body the endpoint can do without (verify, refresh, revoke): absent is null, unreadable is a 400.</summary>
public static class OptionalBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0) return (null, null);
        if (!request.HasJsonContentType()) return (null, ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "The request body must be application/json"));
        try
        {
            return (await request.ReadFromJsonAsync<T>(ct), null);
        }
        catch (JsonException)
        {
            return (null, ApiError.BadRequest("The request body is not valid JSON"));
        }
    }
}
