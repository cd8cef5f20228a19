using Platform.Agents.Access;
using Platform.Agents.Credentials;
using Platform.Agents.Usage;
using Platform.Contracts.Agents;
using Platform.Infrastructure.Http;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Agents.Verification;

public static class VerifyCredentialEndpoint
{
    /// <summary>
    /// Answers from the in-memory index: no database read. The credential comes in the body or as
    /// <c>Authorization: Bearer agent_tok_...</c>, the agent in <c>X-Agent-ID</c>. 401 for a missing,
    /// malformed, unknown, expired or revoked credential, an agent id that is not its own, or a key that
    /// no longer stands; 403 for a scope, tool or resource it may not use; 429 when its budget is spent.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, "the body is not valid JSON, or names too many scopes")]
    [Refuses(StatusCodes.Status401Unauthorized, "the credential is missing, malformed, unknown, ended, or not this agent's")]
    [Refuses(StatusCodes.Status403Forbidden, "a scope, tool or resource the credential may not use")]
    [Refuses(StatusCodes.Status415UnsupportedMediaType, "a body that is not JSON")]
    [Refuses(StatusCodes.Status429TooManyRequests, "the credential's request budget is spent")]
    [Refuses(StatusCodes.Status503ServiceUnavailable, "the credential index is loading")]
    [WolverinePost("/api/agents/verify")]
    public static async Task<Results<Ok<VerifiedAgent>, Refused>> Post(HttpRequest request, CredentialIndex index, CredentialLookup lookup, RequestBudget budget, VerifyUsageRecorder usage, TimeProvider clock, CancellationToken ct)
    {
        var (body, unreadable) = await OptionalJsonBody.ReadAsync<VerifyAgent>(request, ct);
        if (unreadable is not null) return unreadable;
        if (Invalid(body) is { } bad) return ApiError.BadRequest(bad);
        if (!index.IsReady) return ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Credential index is loading; retry shortly");
        string? headerProblem = null;
        var secret = body?.Token ?? BearerHeader.Read(request, out headerProblem);
        if (secret is null) return AgentCaller.Unauthorized(headerProblem ?? "agent credential is missing");
        if (AgentHeader.Read(request) is not { } agentId) return AgentCaller.Unauthorized($"{AgentHeader.Name} header is missing or malformed");
        var now = clock.GetUtcNow();
        var check = await lookup.CheckAsync(secret, agentId, now, ct);
        var (result, credential, outcome) = Verify(check, body ?? new VerifyAgent(null, null), index, budget);
        // Every answer about a known credential is counted (refusals by reason, with the tool they named), for GET /api/agents/{id}/usage.
        if (credential is not null)
        {
            if (outcome == VerifyOutcome.Allowed) usage.Allowed(credential.Id, credential.AccountId, now);
            else usage.Denied(credential.Id, credential.AccountId, now, outcome, body?.Tool);
        }
        return result;
    }

    public static string? Invalid(VerifyAgent? body) =>
        body is null ? null
        : body.Scopes is { Length: > 50 } || body.Scopes?.Any(s => s is null or { Length: > 100 }) == true ? "scopes must be at most 50 scope names"
        : AgentRules.UsedName(body.Tool, "tool") ?? AgentRules.UsedName(body.Resource, "resource");

    /// <returns>The answer, the credential the secret names (null when it names none) and how it ended.</returns>
    public static (Results<Ok<VerifiedAgent>, Refused> Result, AgentCredential? Credential, VerifyOutcome Outcome) Verify(string secret, string agentId, VerifyAgent request, CredentialIndex index, RequestBudget budget, DateTimeOffset now) =>
        Verify(CredentialCheck.Check(secret, agentId, index, now), request, index, budget);

    public static (Results<Ok<VerifiedAgent>, Refused> Result, AgentCredential? Credential, VerifyOutcome Outcome) Verify(CredentialCheckResult check, VerifyAgent request, CredentialIndex index, RequestBudget budget)
    {
        var (credential, scopes, _, problem, status) = check;
        if (credential is null) return (ApiError.Result(status, problem!), check.Unusable, check.Standing);
        if ((request.Scopes ?? []).FirstOrDefault(s => !Grants.HasScope(scopes, s)) is { } missing)
            return (Forbidden($"agent credential lacks the required scope '{missing}'"), credential, VerifyOutcome.ScopeDenied);
        if (request.Tool is { } tool && credential.Tools is { } tools && !tools.Any(p => Glob.Matches(p, tool)))
            return (Forbidden($"agent credential may not use the tool '{tool}'"), credential, VerifyOutcome.ToolDenied);
        if (request.Resource is { } resource && credential.Resources is { } resources && !resources.Any(p => Glob.Matches(p, resource)))
            return (Forbidden($"agent credential may not use the resource '{resource}'"), credential, VerifyOutcome.ResourceDenied);
        if (!budget.TryTake(credential, index, out var remaining, out var limit, take: request.Charge != false))
            return (ApiError.Result(StatusCodes.Status429TooManyRequests, $"Request budget of {limit} is spent"), credential, VerifyOutcome.BudgetSpent);
        return (TypedResults.Ok(new VerifiedAgent(credential.Id, credential.AgentId, credential.AccountId, credential.KeyId, scopes,
            credential.Tools, credential.Resources, credential.ExpiresAt, credential.Depth, remaining,
            credential.Version, index.Key(credential.KeyId)?.Version ?? 0)), credential, VerifyOutcome.Allowed);
    }

    private static Refused Forbidden(string message) => ApiError.Result(StatusCodes.Status403Forbidden, message);
}
