using Platform.Secrets;

namespace Platform.Keys.ApiKeys;

public enum KeyEnvironment { Live, Test }

public static class KeyEnvironments
{
    /// <summary>The prefix a key of this environment starts with: <c>sk_live_</c> or <c>sk_test_</c>.</summary>
    public static string SecretPrefix(this KeyEnvironment environment) =>
        environment == KeyEnvironment.Live ? SecretFormat.LiveKeyPrefix : SecretFormat.TestKeyPrefix;
}

public enum KeyStatus { Active, Suspended, Revoked, Expired }

/// <summary>
/// A key's state, folded from its stream; the inline snapshot is what reads and the verification
/// index see. Invariants live in the command handlers, never here.
/// </summary>
public sealed record ApiKey(
    Guid Id,
    Guid AccountId,
    string Name,
    KeyEnvironment Environment,
    string[] Scopes,
    KeyStatus Status,
    string SecretHash,
    string Display,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The stream version the snapshot reflects (set by Marten): what expectedVersion is checked against.</summary>
    public long Version { get; init; }

    public Guid? PredecessorId { get; init; }

    public Guid? SuccessorId { get; init; }

    public RateLimit? RateLimit { get; init; }

    public bool RotationDue { get; init; }

    /// <summary>Suspended by its account's suspension (not on its own), so reinstated with the account.</summary>
    public bool SuspendedWithAccount { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public static ApiKey Create(ApiKeyIssued e) => new(
        e.KeyId, e.AccountId, e.Name, e.Environment, e.Scopes, KeyStatus.Active, e.SecretHash,
        SecretFormat.Display(e.Environment.SecretPrefix(), e.Last4), e.IssuedAt, e.ExpiresAt) 
    {
        PredecessorId = e.PredecessorId,
        RateLimit = e.RateLimit,
        Metadata = e.Metadata ?? new Dictionary<string, string>(),
    };

    public ApiKey Apply(ApiKeyRenamed e) => this with { Name = e.Name };

    public ApiKey Apply(ApiKeyScopesChanged e) => this with { Scopes = e.Scopes };

    public ApiKey Apply(ApiKeyRevoked e) => this with { Status = KeyStatus.Revoked };

    public ApiKey Apply(ApiKeySuspended e) => this with { Status = KeyStatus.Suspended, SuspendedWithAccount = e.WithAccount };

    public ApiKey Apply(ApiKeyReinstated e) => this with { Status = KeyStatus.Active, SuspendedWithAccount = false };

    public ApiKey Apply(ApiKeyRotated e) => this with
    {
        SuccessorId = e.SuccessorId,
        ExpiresAt = ExpiresAt is { } own && own < e.OverlapEndsAt ? own : e.OverlapEndsAt,
    };

    public ApiKey Apply(ApiKeyExpired e) => this with { Status = KeyStatus.Expired };

    public ApiKey Apply(ApiKeyRotationDue e) => this with { RotationDue = true };

    public bool IsUsableAt(DateTimeOffset now) => Status == KeyStatus.Active && (ExpiresAt is null || ExpiresAt > now);
}
