namespace Platform.Contracts.Agents;

// The synchronous contract of `POST /api/agents/verify` (Agents). Callers: resource servers (the sample
// API, MCP servers) through the SDK, on the direct API path `Authorization: Bearer agent_tok_...` + `X-Agent-ID`.

/// <summary>
/// The credential to check (or none, when it comes in the Authorization header), the scopes the call
/// needs, and the tool or resource it is about to use. The agent id always comes in <c>X-Agent-ID</c>.
/// <paramref name="Charge"/> false checks the request budget without spending it: for a second check
/// within one request already counted (an MCP server's per-tool check after the request's own).
/// </summary>
public sealed record VerifyAgent(string? Token, string[]? Scopes, string? Tool = null, string? Resource = null, bool? Charge = null);

/// <summary>
/// What a live agent credential may do now: its scopes as narrowed by its key's current scopes, its
/// tool and resource allow-lists (null: not restricted beyond the scopes), and what is left of its budget.
/// <paramref name="CredentialVersion"/> and <paramref name="KeyVersion"/> are the versions of the
/// credential and of its key's standing the answering replica knew, the same the feed announces.
/// </summary>
public sealed record VerifiedAgent(
    Guid CredentialId,
    string AgentId,
    Guid AccountId,
    Guid KeyId,
    string[] Scopes,
    string[]? Tools,
    string[]? Resources,
    DateTimeOffset ExpiresAt,
    int Depth,
    long? BudgetRemaining,
    long CredentialVersion = 0,
    long KeyVersion = 0);
