using Platform.Agents.Credentials;
using Platform.Agents.Verification;
using Platform.Infrastructure.Authentication;
using Platform.Infrastructure.Errors;

namespace Platform.Agents.Access;

/// <summary>An agent credential calling on its own behalf (refresh, restrict): what the index said of it, or the answer that turns it away.</summary>
public sealed record AgentCaller(CredentialCheckResult Check, IResult? Refusal)
{
    /// <summary>The credential the caller holds; only when <see cref="Refusal"/> is null.</summary>
    public AgentCredential Credential => Check.Credential!;

    /// <summary>
    /// The agent credential in the Authorization header, bound to the agent in <c>X-Agent-ID</c>, checked
    /// against the index as verify checks it; or the 401 that says why not.
    /// </summary>
    public static async Task<AgentCaller> AuthenticateAsync(HttpRequest request, CredentialIndex index, CredentialLookup lookup, DateTimeOffset now, CancellationToken ct)
    {
        if (!index.IsReady) return new(default, ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Credential index is loading; retry shortly"));
        var secret = BearerHeader.Read(request, out var problem);
        if (secret is null) return new(default, Unauthorized(problem ?? "agent credential is missing"));
        if (AgentHeader.Read(request) is not { } agentId) return new(default, Unauthorized($"{AgentHeader.Name} header is missing or malformed"));
        var check = await lookup.CheckAsync(secret, agentId, now, ct);
        return new(check, check.Problem is { } why ? ApiError.Result(check.Status, why) : null);
    }

    public static Refused Unauthorized(string message) => ApiError.Result(StatusCodes.Status401Unauthorized, message);
}
