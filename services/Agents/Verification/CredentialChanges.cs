using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Agents.Parents;
using Platform.Infrastructure.Changes;
using Wolverine.Http;

namespace Platform.Agents.Verification;

/// <summary>
/// The revocation feed of agent credentials for resource servers (docs/sdk.md): <c>credential</c> events
/// (a credential stream changed, with its version) and <c>key</c> events (its parent key's standing
/// changed, with the key's version), published by this replica once its index holds the change.
/// </summary>
public static class CredentialChangesEndpoint
{
    public const string CredentialEvent = "credential";
    public const string KeyEvent = "key";

    public static FeedEvent CredentialChanged(Guid id, long? version) => new(CredentialEvent, id.ToString(), version);

    public static FeedEvent KeyChanged(Guid keyId, long? version) => new(KeyEvent, keyId.ToString(), version);

    /// <summary>Note: credentials of every account are named, so a key with feeds:read (or keys:manage, admin) is needed.</summary>
    [WolverineGet("/api/agents/changes")]
    [Authorize(Policy = AgentsManagement.FeedReader)]
    public static ChangeStream Get(ChangeFeed feed) => new(feed);
}
