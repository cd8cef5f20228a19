namespace Platform.Sdk.Client.Clients;

/// <summary>Register an OAuth client. <paramref name="Type"/> is "confidential" (gets a secret) or "public" (PKCE only).</summary>
public sealed record RegisterClientRequest(string Name, string Type = ClientTypes.Confidential, IReadOnlyList<string>? RedirectUris = null,
    IReadOnlyList<string>? Scopes = null, IReadOnlyList<string>? GrantTypes = null);

/// <summary>The only answer that ever holds the client secret (none for a public client).</summary>
public sealed record RegisteredClient(Guid ClientId, string? ClientSecret, ClientView Client)
{
    public override string ToString() => $"RegisteredClient {{ ClientId = {ClientId}, Name = {Client.Name} }}";
}

public sealed record ClientView(
    Guid ClientId, string Name, string Type, string Status, string[] RedirectUris, string[] Scopes, string[] GrantTypes,
    DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretValidUntil, long Version);

public sealed record ClientPage(IReadOnlyList<ClientView> Items, Guid? Next);

public sealed record RotatedClientSecret(Guid ClientId, string ClientSecret, DateTimeOffset? PreviousSecretValidUntil)
{
    public override string ToString() => $"RotatedClientSecret {{ ClientId = {ClientId} }}";
}

public static class ClientTypes
{
    public const string Confidential = "confidential";
    public const string Public = "public";
}
