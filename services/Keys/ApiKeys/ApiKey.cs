namespace Platform.Keys.ApiKeys;

public enum KeyEnvironment { Live, Test }

public enum KeyStatus { Active }

/// <summary>First event of every key's stream. Carries the secret's hash only, never the secret.</summary>
public sealed record ApiKeyIssued(
    Guid KeyId,
    Guid AccountId,
    string Name,
    KeyEnvironment Environment,
    string[] Scopes,
    string SecretHash,
    string Last4,
    DateTimeOffset? ExpiresAt,
    string Actor,
    DateTimeOffset IssuedAt);

/// <summary>A key's state, folded from its stream; the inline snapshot is what reads see.</summary>
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
    public static ApiKey Create(ApiKeyIssued e) => new(
        e.KeyId, e.AccountId, e.Name, e.Environment, e.Scopes, KeyStatus.Active, e.SecretHash,
        KeySecret.Display(e.Environment, e.Last4), e.IssuedAt, e.ExpiresAt);
}
