using Microsoft.Extensions.Options;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.State;

namespace Platform.Tokens.Grants;

/// <summary>What the code and refresh grants share; <see cref="Issuer"/> is set per request.</summary>
public sealed record GrantContext(ClientLookup Clients, AccessTokenIssuer Tokens, Denylist Denylist, TimeProvider Clock, IOptions<TokensOptions> Options)
{
    public string Issuer { get; init; } = "";

    public TokensOptions Settings => Options.Value;

    /// <summary>
    /// The console's access tokens live minutes, not an hour: Keys, Agents and Audit check a token's
    /// signature and expiry but not Tokens' denylist, so after a sign-out a copied token would otherwise
    /// work there for up to the default lifetime. The console refreshes its token by itself.
    /// </summary>
    public TimeSpan? AccessTokenLifetimeFor(OAuthClient client) => client.FirstParty ? Settings.Dashboard.AccessTokenLifetime : null;
}
