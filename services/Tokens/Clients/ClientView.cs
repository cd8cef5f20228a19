namespace Platform.Tokens.Clients;

/// <summary>A client as the management API shows it: never its secret.</summary>
public sealed record ClientView(
    Guid ClientId, string Name, string Type, string Status, string[] RedirectUris, string[] Scopes, string[] GrantTypes,
    DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretValidUntil, long Version)
{
    public static ClientView From(OAuthClient c) => new(
        c.Id, c.Name, c.Type.ToString().ToLowerInvariant(), c.Status.ToString().ToLowerInvariant(), c.RedirectUris, c.Scopes, c.GrantTypes,
        c.CreatedAt, c.PreviousValidUntil, c.Version);
}
