using Microsoft.Extensions.Options;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;

namespace Platform.Tokens.Grants;

/// <summary>What the code and refresh grants share; <see cref="Issuer"/> is set per request.</summary>
public sealed record GrantContext(ClientIndex Clients, AccessTokenIssuer Tokens, TimeProvider Clock, IOptions<TokensOptions> Options)
{
    public string Issuer { get; init; } = "";

    public TokensOptions Settings => Options.Value;
}
