using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Changes;
using Wolverine.Http;

namespace Platform.Keys.Verification;

/// <summary>
/// The revocation feed of API keys for resource servers (docs/sdk.md): one <c>key</c> event per changed
/// key stream, its data the key id and stream version. A resource server drops what it cached for that
/// key and asks verify again. <see cref="KeyIndexSync"/> publishes each event only once this replica's
/// index holds the change, and the version lets a resource server refuse to cache an older answer
/// from a replica that has not caught up yet.
/// </summary>
public static class KeyChangesEndpoint
{
    public const string KeyEvent = "key";

    public static FeedEvent Changed(Guid keyId, long? version) => new(KeyEvent, keyId.ToString(), version);

    /// <summary>
    /// Note: the feed names keys of every account, so it needs a key made for it (feeds:read) or one that
    /// may manage keys; it carries ids only, never a secret or a hash.
    /// </summary>
    [WolverineGet("/api/keys/changes")]
    [Authorize(Policy = ManagementPolicy.FeedReader)]
    public static ChangeStream Get(ChangeFeed feed) => new(feed);
}
