namespace Platform.Tokens.Clients;

public enum ClientType { Confidential, Public }

public enum ClientStatus { Active, Disabled }

public sealed record OAuthClientRegistered(
    Guid ClientId, Guid AccountId, string Name, ClientType Type, string[] RedirectUris, string[] Scopes, string[] GrantTypes,
    string? SecretHash, string Actor, DateTimeOffset RegisteredAt, bool Dynamic = false, bool FirstParty = false);

/// <summary>A platform-seeded client's settings changed with its configuration (e.g. the gateway's address).</summary>
public sealed record OAuthClientReconfigured(Guid ClientId, string[] RedirectUris, string[] Scopes, string Actor, DateTimeOffset ReconfiguredAt);

/// <summary>A dynamically registered client redeemed its first code: it no longer expires unused.</summary>
public sealed record OAuthClientFirstUsed(Guid ClientId, DateTimeOffset UsedAt);

public sealed record OAuthClientSecretRotated(Guid ClientId, string SecretHash, DateTimeOffset PreviousValidUntil, string Actor, DateTimeOffset RotatedAt);

public sealed record OAuthClientDisabled(Guid ClientId, string Reason, string Actor, DateTimeOffset DisabledAt);

/// <summary>
/// A client, folded from its stream; the inline snapshot is what the in-memory index and reads use.
/// Public clients (browser, native, MCP) have no secret and must use PKCE.
/// </summary>
public sealed record OAuthClient(
    Guid Id, Guid AccountId, string Name, ClientType Type, string[] RedirectUris, string[] Scopes, string[] GrantTypes,
    string? SecretHash, ClientStatus Status, DateTimeOffset CreatedAt)
{
    public long Version { get; init; }

    /// <summary>After a rotation with overlap, the old secret's hash and until when it still works.</summary>
    public string? PreviousSecretHash { get; init; }

    public DateTimeOffset? PreviousValidUntil { get; init; }

    /// <summary>Registered anonymously through RFC 7591 (no account): disabled if unused for too long.</summary>
    public bool Dynamic { get; init; }

    public DateTimeOffset? FirstUsedAt { get; init; }

    /// <summary>The platform's own client (the dashboard): seeded from configuration, never asks for consent.</summary>
    public bool FirstParty { get; init; }

    public static OAuthClient Create(OAuthClientRegistered e) =>
        new(e.ClientId, e.AccountId, e.Name, e.Type, e.RedirectUris, e.Scopes, e.GrantTypes, e.SecretHash, ClientStatus.Active, e.RegisteredAt) { Dynamic = e.Dynamic, FirstParty = e.FirstParty };

    public OAuthClient Apply(OAuthClientReconfigured e) => this with { RedirectUris = e.RedirectUris, Scopes = e.Scopes };

    public OAuthClient Apply(OAuthClientFirstUsed e) => this with { FirstUsedAt = e.UsedAt };

    public OAuthClient Apply(OAuthClientSecretRotated e) =>
        this with { PreviousSecretHash = SecretHash, PreviousValidUntil = e.PreviousValidUntil, SecretHash = e.SecretHash };

    public OAuthClient Apply(OAuthClientDisabled e) => this with { Status = ClientStatus.Disabled };

    public bool Allows(string grantType) => GrantTypes.Contains(grantType);
}
