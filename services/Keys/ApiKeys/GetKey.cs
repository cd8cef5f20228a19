using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

public static class GetKeyEndpoint
{
    /// <summary>The key now, or with <c>?asOf=</c> (ISO 8601) as it was at that instant, replayed from its stream (<see cref="PastKeys"/>).</summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a key id, or asOf not an ISO 8601 instant")]
    [Refuses(StatusCodes.Status404NotFound, KeyCommand.Missing)]
    [WolverineGet("/api/keys/{id}")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static async Task<Results<Ok<KeyView>, Refused>> Get(string id, string? asOf, HttpContext http, IQuerySession session, PastKeys past, CancellationToken ct)
    {
        var account = Caller.From(http.User).AccountId;
        if (!Guid.TryParse(id, out var keyId)) return ApiError.BadRequest("id must be a key id");
        if (asOf is null)
            return await session.LoadAsync<ApiKey>(keyId, ct) is { } key && key.AccountId == account ? KeyResponses.Ok(http, key) : ApiError.NotFound($"no key {keyId}");

        if (!DateTimeOffset.TryParse(asOf, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var instant))
            return ApiError.BadRequest("asOf must be an ISO 8601 instant");
        return await past.AsOfAsync(session, keyId, instant, ct) is { } then && then.AccountId == account
            ? KeyResponses.Ok(http, then)
            : ApiError.NotFound($"no key {keyId} at {instant:O}");
    }
}
