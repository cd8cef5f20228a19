namespace Platform.Sdk.ResourceServer.Platform;

// The platform's synchronous contracts as this package reads them (Keys: POST /api/keys/verify,
// Agents: POST /api/agents/verify, Tokens: RFC 8414 discovery). Only the fields used here.

/// <param name="Version">The key's stream version the answering replica knew: compared with the feed's (docs/sdk.md).</param>
public sealed record VerifiedKey(Guid KeyId, Guid AccountId, string Environment, string[] Scopes, DateTimeOffset? ExpiresAt, KeyRateLimit? RateLimit = null, long Version = 0);

/// <summary>The key's rate-limit window as Keys counted it; present only for rate-limited keys.</summary>
public sealed record KeyRateLimit(int Limit, int Remaining, DateTimeOffset ResetAt);

/// <param name="Tools">The credential's tool allow-list (names or <c>*</c> patterns); null when it has none.</param>
/// <param name="CredentialVersion">The credential's stream version the answering replica knew.</param>
/// <param name="KeyVersion">The version of its key's standing the answering replica knew (0: no change heard of).</param>
public sealed record VerifiedAgent(Guid CredentialId, string AgentId, Guid AccountId, Guid KeyId, string[] Scopes, DateTimeOffset ExpiresAt, long? BudgetRemaining = null, string[]? Tools = null,
    long CredentialVersion = 0, long KeyVersion = 0);

internal sealed record VerifyRequest(string Key, string[] Scopes, string? Ip);

internal sealed record VerifyAgentRequest(string Token, string[] Scopes, string? Tool = null, bool? Charge = null);
