using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Platform.Contracts.Keys;
using Platform.Keys.Access;
using Platform.Keys.Usage;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.Verification;

public static class VerifyKeyEndpoint
{
    private const string AdminScope = Platform.Contracts.Scopes.Admin;

    // The minimal APIs' defaults (the service configures no others), resolved once rather than per request.
    private static readonly JsonTypeInfo<VerifyKey> VerifyKeyJson = (JsonTypeInfo<VerifyKey>)JsonSerializerOptions.Web.GetTypeInfo(typeof(VerifyKey));

    /// <summary>
    /// Answers from the in-memory index; only a well-formed key it does not hold costs one bounded database
    /// read (<see cref="KeyLookup"/>). 401 for a missing, malformed, unknown, revoked, suspended or expired
    /// key; 403 when a required scope is missing; 429 (with Retry-After) when the key's rate limit is spent.
    /// Every answer about a known key is counted in memory for its usage, refusals by reason.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "the body is not valid JSON, or ip is not an IP address")]
    [Refuses(StatusCodes.Status401Unauthorized, "the key is missing, malformed, unknown, revoked, suspended or expired")]
    [Refuses(StatusCodes.Status403Forbidden, "the key lacks a required scope")]
    [Refuses(StatusCodes.Status415UnsupportedMediaType, "the body is not JSON")]
    [Refuses(StatusCodes.Status429TooManyRequests, "the key's rate limit is spent (Retry-After)")]
    [Refuses(StatusCodes.Status503ServiceUnavailable, "the key index is loading")]
    [WolverinePost("/api/keys/verify")]
    public static async Task<Results<Ok<VerifiedKey>, Refused>> Post(HttpRequest request, KeyIndex index, KeyLookup keys, KeyRateLimiter limiter, UsageRecorder usage, TimeProvider clock, CancellationToken ct)
    {
        VerifyKey? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            if (!request.HasJsonContentType()) return ApiError.Result(StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json");
            try
            {
                // The input guard has the bytes already: parsing them costs less than reading the body again.
                body = request.HttpContext.Features.Get<CheckedJsonBody>() is { } checkedBody
                    ? JsonSerializer.Deserialize(checkedBody.Utf8.Span, VerifyKeyJson)
                    : await request.ReadFromJsonAsync<VerifyKey>(ct);
            }
            catch (JsonException)
            {
                return ApiError.BadRequest("The request body is not valid JSON");
            }
        }
        if (!index.IsReady) return ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Key index is loading; retry shortly");
        string? headerProblem = null;
        var secret = body?.Key ?? BearerHeader.Read(request, out headerProblem);
        if (secret is null) return Unauthorized(headerProblem ?? "API key is missing");
        if (body?.Ip is { } ip && !System.Net.IPAddress.TryParse(ip, out _)) return ApiError.BadRequest("ip must be an IP address");
        var now = clock.GetUtcNow();
        var check = await keys.CheckAsync(secret, now, ct);
        if (check.Key is not { } key)
        {
            // Counted under the key the secret names; an unknown or malformed one names none.
            if (check.Unusable is { } stopped) usage.Refused(stopped.Id, stopped.AccountId, now, check.Standing);
            return ApiError.Result(check.Status, check.Problem!);
        }
        var scopes = body?.Scopes ?? [];
        if (!key.Scopes.Contains(AdminScope) && scopes.FirstOrDefault(s => !key.Scopes.Contains(s)) is { } missing)
        {
            usage.Refused(key.Id, key.AccountId, now, VerifyOutcome.ScopeDenied);
            return ApiError.Result(StatusCodes.Status403Forbidden, $"API key lacks the required scope '{missing}'");
        }
        var (admitted, rate) = await limiter.TakeAsync(key, clock, ct);
        var response = request.HttpContext.Response;
        if (!admitted)
        {
            now = clock.GetUtcNow();
            usage.Refused(key.Id, key.AccountId, now, VerifyOutcome.RateLimited);
            // RFC 9110 §10.2.3: whole seconds until the window resets.
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((rate!.ResetAt - now).TotalSeconds)).ToString();
            return ApiError.Result(StatusCodes.Status429TooManyRequests, $"Rate limit of {rate.Limit} exceeded; retry after {rate.ResetAt:O}");
        }
        usage.Record(key.Id, key.AccountId, now, body?.Ip ?? request.HttpContext.Connection.RemoteIpAddress?.ToString());
        return TypedResults.Ok(new VerifiedKey(key.Id, key.AccountId, key.Environment.ToString().ToLowerInvariant(), key.Scopes, key.ExpiresAt, rate, key.Version));
    }

    private static Refused Unauthorized(string message) => ApiError.Result(StatusCodes.Status401Unauthorized, message);
}
