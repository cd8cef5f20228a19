using Platform.Agents.Accounts;
using Platform.Agents.Credentials;
using Platform.Agents.KeyAuthority;
using Platform.Agents.Usage;
using Platform.Contracts.Keys;
using Platform.Secrets;

namespace Platform.Agents.Verification;

/// <summary>
/// The usable credential behind a secret with its scopes as its key allows them now, or why there is
/// none (a 401, or a 503 when the database could not say).
/// </summary>
public readonly record struct CredentialCheckResult(AgentCredential? Credential, string[] Scopes, bool Previous, string? Problem, int Status = StatusCodes.Status401Unauthorized)
{
    /// <summary>The credential the secret names when it is refused for its standing, and which: what usage counts it under.</summary>
    public AgentCredential? Unusable { get; init; }

    public VerifyOutcome Standing { get; init; }

    /// <summary>Well-formed but not in this replica's memory: the one outcome worth a database read.</summary>
    public bool IsUnknown => Credential is null && ReferenceEquals(Problem, CredentialCheck.NotValid);
}

public static class CredentialCheck
{
    public const string NotValid = "agent credential is not valid";

    public static readonly CredentialCheckResult Unavailable = new(null, [], false, "Credential lookup is unavailable; retry shortly", StatusCodes.Status503ServiceUnavailable);

    /// <summary>From memory only; <see cref="CredentialLookup"/> adds the read on a miss.</summary>
    public static CredentialCheckResult Check(string secret, string agentId, CredentialIndex index, DateTimeOffset now)
    {
        // Shape and checksum first: a mistyped or made-up credential costs no lookup.
        if (!SecretFormat.IsWellFormed(secret, SecretFormat.AgentTokenPrefix)) return Refuse("agent credential is malformed");
        if (!index.TryFind(secret, out var credential, out var previous)) return Refuse(NotValid);
        if (credential.Status == CredentialStatus.Revoked) return Refuse("agent credential has been revoked", credential, VerifyOutcome.Revoked);
        if (credential.Status == CredentialStatus.Expired || credential.ExpiresAt <= now) return Refuse("agent credential has expired", credential, VerifyOutcome.Expired);
        if (previous && !(credential.PreviousValidUntil > now)) return Refuse("agent credential was replaced by a refresh", credential, VerifyOutcome.Expired);
        if (!string.Equals(credential.AgentId, agentId, StringComparison.Ordinal)) return Refuse("X-Agent-ID does not match the agent credential", credential, VerifyOutcome.WrongAgent);
        if (index.Accounts.IsSuspended(credential.AccountId)) return Refuse(AccountStanding.VerifyRefusal, credential, VerifyOutcome.Suspended);
        // Each ancestor is in the index while it lives; a missing or revoked one takes its descendants with it.
        foreach (var ancestorId in credential.Lineage)
            if (index.Get(ancestorId) is not { Status: CredentialStatus.Active } ancestor || ancestor.ExpiresAt <= now)
                return Refuse("parent agent credential is no longer valid", credential, VerifyOutcome.Revoked);
        var key = index.Key(credential.KeyId);
        if (key?.Refusal is { } keyProblem) return Refuse(keyProblem, credential, key.State switch
        {
            KeyState.Suspended => VerifyOutcome.Suspended,
            KeyState.Expired => VerifyOutcome.Expired,
            _ => VerifyOutcome.Revoked,
        });
        if (credential.KeyExpiresAt <= now) return Refuse("parent API key has expired", credential, VerifyOutcome.Expired);
        return new(credential, Grants.Narrow(credential.Scopes, key?.Scopes), previous, null);
    }

    /// <summary>What a check refuses a credential read on a miss for; an expired one is not kept in the index, so the check cannot name it.</summary>
    public static CredentialCheckResult NameExpired(CredentialCheckResult result, AgentCredential credential) =>
        result.IsUnknown && credential.Status == CredentialStatus.Expired ? result with { Unusable = credential, Standing = VerifyOutcome.Expired } : result;

    private static CredentialCheckResult Refuse(string problem) => new(null, [], false, problem);

    private static CredentialCheckResult Refuse(string problem, AgentCredential credential, VerifyOutcome standing) =>
        new(null, [], false, problem) { Unusable = credential, Standing = standing };
}
