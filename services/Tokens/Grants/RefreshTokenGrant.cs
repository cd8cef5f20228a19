using Marten;
using Platform.Infrastructure.Persistence;
using Platform.Secrets;
using Platform.Tokens.Accounts;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.Grants;

/// <summary>RFC 6749 §6 with rotation on every use and reuse detection (RFC 9700 §4.14.2).</summary>
public static class RefreshTokenGrant
{
    public static async Task<GrantResult> HandleAsync(HttpRequest request, OAuthForm form, GrantContext grants, IDocumentSession session, CancellationToken ct)
    {
        var now = grants.Clock.GetUtcNow();
        var (client, error) = await ClientAuthentication.AuthenticateAsync(request, form, grants.Clients, now, ct);
        if (error is not null) return error;
        if (!client!.Allows(GrantTypes.RefreshToken)) return new OAuthError(OAuthErrors.UnauthorizedClient, "this client may not use refresh_token");
        if (form[OAuthParameters.RefreshToken] is not { } presented) return OAuthError.Request("refresh_token is required");
        // The empty Guid: no family has it, and Marten refuses it as a stream id (its checksum is public, so it can be forged).
        if (RefreshToken.FamilyOf(presented) is not { } familyId || familyId == Guid.Empty) return OAuthError.Grant("the refresh token is not valid");

        var family = await session.LoadAsync<RefreshFamily>(familyId, ct);
        if (family is null || family.ClientId != client.Id) return OAuthError.Grant("the refresh token is not valid");
        switch (Decide(family, SecretFormat.Hash(presented), now, grants.Settings.Refresh))
        {
            case Use.Refuse refuse:
                return OAuthError.Grant(refuse.Reason);
            case Use.Reused:
                var ending = RevokeFamily.Decide(family, "refresh token reused", $"client:{client.Id}", now)!;
                return new GrantResult(null, OAuthError.Grant("the refresh token was already used; the session has been revoked")) { Writes = ending.Writes, Ended = ending };
        }
        // After reuse detection, which holds whatever the account's standing; before rotation: the family is kept for reinstatement.
        if (SuspendedAccount.Refusal(grants.Denylist, family.AccountId, client.AccountId) is { } suspended) return suspended;
        var (scopes, scopeError) = ScopeRequest.Narrow(form.Scopes, family.Scopes);
        if ((scopeError ?? OperatorScopes.TokenRefusal(family.AccountId, scopes, grants.Denylist)) is { } refused) return refused;
        var (audience, targetError) = ResourceIndicator.Read(form[OAuthParameters.Resource], grants.Settings, family.Resource);
        if (targetError is not null) return targetError;

        // Appended at the version read: of two uses of one token at once, one commits and the other gets invalid_grant.
        var next = RefreshToken.Generate(familyId);
        var token = grants.Tokens.Issue(new AccessTokenRequest(family.Subject, client.Id.ToString(), family.AccountId, scopes, FamilyId: familyId, Audience: audience,
            Lifetime: grants.AccessTokenLifetimeFor(client)), grants.Issuer, GrantTypes.RefreshToken);
        return new GrantResult(new TokenResponse(token.Token, token.ExpiresIn, token.Scope, next), null)
        {
            Writes = new([new AppendTo<RefreshFamily>(familyId, family.Version, new FamilyRotated(familyId, SecretFormat.Hash(next), now))], []),
        };
    }

    public abstract record Use
    {
        public sealed record Rotate : Use;
        public sealed record Reused : Use;
        public sealed record Refuse(string Reason) : Use;
    }

    /// <summary>
    /// The pure decision. The current token rotates. The one just before it rotates too within the
    /// grace (the client lost our last response). Any other earlier token is a leak: the family ends.
    /// </summary>
    public static Use Decide(RefreshFamily family, string presentedHash, DateTimeOffset now, RefreshOptions options)
    {
        if (family.RevokedAt is not null) return new Use.Refuse("the refresh token has been revoked");
        if (now >= family.ExpiresAt) return new Use.Refuse("the session has reached its maximum lifetime");
        if (now >= family.LastRotatedAt + options.IdleLifetime) return new Use.Refuse("the refresh token has expired");
        if (presentedHash == family.CurrentHash) return new Use.Rotate();
        var justBefore = family.EarlierHashes.Count > 0 && family.EarlierHashes[^1] == presentedHash;
        if (justBefore && now < family.LastRotatedAt + options.ReuseGrace) return new Use.Rotate();
        return family.EarlierHashes.Contains(presentedHash) ? new Use.Reused() : new Use.Refuse("the refresh token is not valid");
    }
}
