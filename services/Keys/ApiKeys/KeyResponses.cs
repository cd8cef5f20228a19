using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.ApiKeys;

/// <summary>A key as clients see it: never the secret nor its hash.</summary>
public sealed record KeyView(
    Guid Id, Guid AccountId, string Name, string Environment, string[] Scopes, string Status, string Display,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, long Version, Guid? PredecessorId, Guid? SuccessorId,
    RateLimit? RateLimit, IReadOnlyDictionary<string, string> Metadata, bool RotationDue);

public static class KeyResponses
{
    public static KeyView View(ApiKey key) => new(
        key.Id, key.AccountId, key.Name, key.Environment.ToString().ToLowerInvariant(), key.Scopes,
        key.Status.ToString().ToLowerInvariant(), key.Display, key.CreatedAt, key.ExpiresAt, key.Version,
        key.PredecessorId, key.SuccessorId, key.RateLimit, key.Metadata, key.RotationDue);

    public static Ok<KeyView> Ok(HttpContext http, ApiKey key)
    {
        http.Response.Headers[HeaderNames.ETag] = ExpectedVersion.Tag(key.Version);
        return TypedResults.Ok(View(key));
    }
}
