using Marten;
using Platform.ServiceDefaults;
using Wolverine.Http;

namespace Platform.Keys.ApiKeys;

public static class GetKeyEndpoint
{
    [WolverineGet("/api/keys/{id}")]
    public static async Task<IResult> Get(string id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiError.BadRequest("id must be a key id");
        return await session.LoadAsync<ApiKey>(keyId, ct) is { } key ? KeyResponses.Ok(http, key) : ApiError.NotFound($"no key {keyId}");
    }
}
