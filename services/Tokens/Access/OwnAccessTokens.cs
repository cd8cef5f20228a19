using Microsoft.Extensions.Options;
using Platform.Infrastructure.Authentication;
using Platform.Tokens.Introspection;

namespace Platform.Tokens.Access;

/// <summary>
/// The management APIs' access tokens, checked here against our own key ring in memory (no HTTP to
/// ourselves) and against this replica's denylist: a revoked sign-in, a revoked token, a disabled
/// client or a stopped API key ends the token at once. Only the management audience is accepted: a
/// token bound to another resource (RFC 8707) does not manage anything.
/// </summary>
public sealed class OwnAccessTokens(AccessTokenValidator validator, IOptions<TokensOptions> options) : IAccessTokenValidator
{
    public async Task<AccessTokenOutcome> ValidateAsync(string token, CancellationToken ct)
    {
        var live = await validator.ValidateAsync(token, issuer: null);
        if (live is null || !live.Jwt.Audiences.Contains(options.Value.Audience)) return AccessTokenOutcome.Refuse(AccessTokenRules.Invalid);
        return AccessTokenRules.Read(live.Jwt, live.Scopes);
    }
}
