using Platform.Agents.Verification;
using Platform.ServiceDefaults;

namespace Platform.Agents.Access;

public static class AgentCaller
{
    /// <summary>
    /// The agent credential in the Authorization header, bound to the agent in <c>X-Agent-ID</c>, checked
    /// against the index as verify checks it; or the 401 that says why not.
    /// </summary>
    public static async Task<(CredentialCheckResult Check, IResult? Refusal)> AuthenticateAsync(HttpRequest request, CredentialIndex index, CredentialLookup lookup, DateTimeOffset now, CancellationToken ct)
    {
        if (!index.IsReady) return (default, ApiError.Result(StatusCodes.Status503ServiceUnavailable, "Credential index is loading; retry shortly"));
        var secret = BearerHeader.Read(request, out var problem);
        if (secret is null) return (default, Unauthorized(problem ?? "agent credential is missing"));
        if (AgentHeader.Read(request) is not { } agentId) return (default, Unauthorized($"{AgentHeader.Name} header is missing or malformed"));
        var check = await lookup.CheckAsync(secret, agentId, now, ct);
        return check.Problem is { } why ? (check, ApiError.Result(check.Status, why)) : (check, null);
    }

    public static IResult Unauthorized(string message) => ApiError.Result(StatusCodes.Status401Unauthorized, message);
}
