namespace Platform.Contracts.Keys;

// The synchronous contract of `POST /api/keys/verify` (Keys). Callers: Tokens (API-key exchange),
// Agents (minting from a key), and resource servers through the SDK.

/// <summary>
/// The key to check (or none, when it comes in the Authorization header), the scopes the caller needs,
/// and optionally the end client's address as the resource server saw it (recorded in the key's usage).
/// </summary>
public sealed record VerifyKey(string? Key, string[]? Scopes, string? Ip = null);

/// <summary>The key's remaining allowance in its current rate-limit window.</summary>
public sealed record RateLimitState(int Limit, int Remaining, DateTimeOffset ResetAt);

/// <summary>
/// What a live key may do: answered with 200 by verify. <paramref name="Version"/> is the key's stream
/// version the answering replica knew, so a cache can tell an answer older than a change it heard of.
/// </summary>
public sealed record VerifiedKey(Guid KeyId, Guid AccountId, string Environment, string[] Scopes, DateTimeOffset? ExpiresAt, RateLimitState? RateLimit, long Version = 0);
