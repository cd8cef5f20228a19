using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer.Caching;
using Platform.Sdk.ResourceServer.Platform;
using Platform.Secrets;

namespace Platform.Sdk.ResourceServer.Credentials;

/// <summary>
/// <c>agent_tok_</c> with <c>X-Agent-ID</c>: the checksum here, then Agents' verify; an acceptance is
/// reused for the same token and agent id while Agents' feed is connected, and evicted when the
/// credential or its parent key changes.
/// </summary>
public sealed class AgentTokenVerifier(IHttpClientFactory http, AcceptanceCache<VerifiedAgent> cache, IOptions<PlatformAuthenticationOptions> options, TimeProvider clock)
{
    public const string AgentHeader = "X-Agent-ID";

    public async Task<CredentialCheck> CheckAsync(string token, string? agentId, CancellationToken ct)
    {
        if (Malformed(token, agentId) is { } malformed) return malformed;
        var cacheKey = $"{SecretFormat.Hash(token)}|{agentId}";
        if (cache.Find(cacheKey) is { } cached) return CredentialCheck.Accept(Principal(cached));

        var generation = cache.Generation;
        var (agent, refusal) = await VerifyAsync(new VerifyAgentRequest(token, []), agentId!, ct);
        if (agent is null) return CredentialCheck.Refuse(refusal!);
        // A credential with a request budget is asked about every time, so Agents charges each request.
        if (agent.BudgetRemaining is not null) return CredentialCheck.Accept(Principal(agent));
        var until = clock.GetUtcNow() + options.Value.CacheTtl;
        cache.Store(cacheKey, agent, [new(agent.CredentialId, agent.CredentialVersion), new(agent.KeyId, agent.KeyVersion)], agent.ExpiresAt < until ? agent.ExpiresAt : until, generation);
        return CredentialCheck.Accept(Principal(agent));
    }

    /// <summary>
    /// Asks Agents, never the cache, whether the credential may use <paramref name="tool"/> with
    /// <paramref name="scopes"/> now: its allow-list and its key's standing are checked, and Agents
    /// counts the outcome. For per-call authorization (an MCP tool call), where a cached answer would
    /// let a narrowed or revoked credential finish a call it no longer may.
    /// </summary>
    public async Task<CredentialCheck> CheckToolAsync(string token, string? agentId, string tool, IReadOnlyList<string> scopes, CancellationToken ct)
    {
        if (Malformed(token, agentId) is { } malformed) return malformed;
        // Note: not charged: the request carrying this call was counted by its own check (a budgeted
        // credential is verified on every request), so a tool call costs one request of the budget, not two.
        var (agent, refusal) = await VerifyAsync(new VerifyAgentRequest(token, [.. scopes], tool, Charge: false), agentId!, ct);
        return agent is null ? CredentialCheck.Refuse(refusal!) : CredentialCheck.Accept(Principal(agent));
    }

    private static CredentialCheck? Malformed(string token, string? agentId) =>
        !SecretFormat.IsWellFormed(token, SecretFormat.AgentTokenPrefix) ? CredentialCheck.Unauthorized("agent credential is malformed")
        : string.IsNullOrWhiteSpace(agentId) || agentId.Length > 200 ? CredentialCheck.Unauthorized($"{AgentHeader} header is missing or malformed")
        : null;

    private Task<(VerifiedAgent?, Refusal?)> VerifyAsync(VerifyAgentRequest body, string agentId, CancellationToken ct) =>
        PlatformCall.PostAsync<VerifiedAgent>(http.CreateClient(nameof(AgentsApiClient)), "/api/agents/verify", body,
            request => request.Headers.TryAddWithoutValidation(AgentHeader, agentId), "agent credential", ct);

    private static System.Security.Claims.ClaimsPrincipal Principal(VerifiedAgent agent) => PlatformClaims.Principal("agent_token", $"agent:{agent.AgentId}", agent.Scopes,
        [(PlatformClaims.AgentId, agent.AgentId), (PlatformClaims.KeyId, agent.KeyId.ToString()), (PlatformClaims.AccountId, agent.AccountId.ToString()),
         .. (agent.Tools ?? []).Select(tool => (PlatformClaims.Tool, (string?)tool))]);
}
