using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer.AccessTokens;
using Platform.Sdk.ResourceServer.Caching;
using Platform.Sdk.ResourceServer.Platform;

namespace Platform.Sdk.ResourceServer.Feeds;

/// <summary>Keys' feed: <c>key</c> events evict cached API-key acceptances.</summary>
public sealed class KeysFeed(AcceptanceCache<VerifiedKey> cache, IHttpClientFactory http, IOptions<PlatformAuthenticationOptions> options, ILogger<KeysFeed> logger)
    : RevocationFeed(http, options, logger)
{
    protected override string ClientName => nameof(KeysApiClient);
    protected override string Path => "/api/keys/changes";
    protected override void Reset(bool live) => cache.Reset(live);

    protected override void Apply(string kind, string id)
    {
        if (kind == "key" && FeedData.TryParse(id, out var keyId, out var version)) cache.Evict(keyId, version);
    }
}

/// <summary>Agents' feed: <c>credential</c> and <c>key</c> events evict cached agent-token acceptances.</summary>
public sealed class AgentsFeed(AcceptanceCache<VerifiedAgent> cache, IHttpClientFactory http, IOptions<PlatformAuthenticationOptions> options, ILogger<AgentsFeed> logger)
    : RevocationFeed(http, options, logger)
{
    protected override string ClientName => nameof(AgentsApiClient);
    protected override string Path => "/api/agents/changes";
    protected override void Reset(bool live) => cache.Reset(live);

    protected override void Apply(string kind, string id)
    {
        if (kind is "credential" or "key" && FeedData.TryParse(id, out var changed, out var version)) cache.Evict(changed, version);
    }
}

/// <summary>Tokens' feed: a snapshot then changes of what ends an access token early, kept as a denylist.</summary>
public sealed class TokensFeed(TokenDenylist denylist, IHttpClientFactory http, IOptions<PlatformAuthenticationOptions> options, ILogger<TokensFeed> logger)
    : RevocationFeed(http, options, logger)
{
    protected override string ClientName => nameof(TokensApiClient);
    protected override string Path => "/oauth/changes";
    protected override void Reset(bool live) => denylist.Reset(live);

    protected override void Apply(string kind, string data)
    {
        var (id, version) = FeedData.Split(data);
        switch (kind)
        {
            case "key-stopped": denylist.Deny(AccessTokenVerifier.KeyStopped, id, version); break;
            case "key-live": denylist.Allow(AccessTokenVerifier.KeyStopped, id, version); break;
            case "token-revoked": denylist.Deny(AccessTokenVerifier.TokenRevoked, id); break;
            case "family-revoked": denylist.Deny(AccessTokenVerifier.FamilyRevoked, id); break;
            case "family-live": denylist.Allow(AccessTokenVerifier.FamilyRevoked, id); break;
            case "client-disabled": denylist.Deny(AccessTokenVerifier.ClientDisabled, id); break;
            case "client-live": denylist.Allow(AccessTokenVerifier.ClientDisabled, id); break;
            case "account-suspended": denylist.Deny(AccessTokenVerifier.AccountSuspended, id, version); break;
            case "account-live": denylist.Allow(AccessTokenVerifier.AccountSuspended, id, version); break;
        }
    }
}
