using Platform.Contracts;
using Platform.Contracts.Tokens;

namespace Platform.Tokens.Clients;

/// <summary>
/// The one place a client's stream event becomes the integration event Audit hears, with the version the event got
/// in the client's stream (Audit checks that none is missing). No secret or hash is announced.
/// </summary>
public static class ClientAnnouncements
{
    /// <summary>The first event of the client's stream: version 1.</summary>
    public static ClientRegistered Registered(OAuthClientRegistered e) => new(
        Guid.CreateVersion7(), e.ClientId, e.AccountId, e.Name, e.Type.ToString().ToLowerInvariant(), e.RedirectUris, e.Scopes, e.GrantTypes,
        e.Actor, e.RegisteredAt) { SourceVersion = 1 };

    /// <param name="client">The client as it was before <paramref name="e"/>.</param>
    /// <param name="e">The event appended to its stream.</param>
    public static IAuditedEvent For(OAuthClient client, object e)
    {
        var (id, version) = (Guid.CreateVersion7(), client.Version + 1);
        return e switch
        {
            OAuthClientSecretRotated x => new ClientSecretRotated(id, client.Id, client.AccountId, x.PreviousValidUntil, x.Actor, x.RotatedAt) { SourceVersion = version },
            OAuthClientDisabled x => new ClientDisabled(id, client.Id, client.AccountId, x.Reason, x.Actor, x.DisabledAt) { SourceVersion = version },
            _ => throw new ArgumentException($"not an event that changes a client: {e.GetType().Name}", nameof(e)),
        };
    }
}
