using Marten;
using Wolverine.Marten;
using Platform.Infrastructure.Persistence;
using Platform.Secrets;
using Platform.Tokens.Accounts;
using Platform.Tokens.Authorize;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;
using Platform.Tokens.State;

namespace Platform.Tokens.Grants;

/// <summary>RFC 6749 §4.1.3 with RFC 7636: the code, the same redirect URI, and the PKCE verifier.</summary>
public static class AuthorizationCodeGrant
{
    public static async Task<GrantResult> HandleAsync(HttpRequest request, OAuthForm form, GrantContext grants, IDocumentSession session, CancellationToken ct)
    {
        var now = grants.Clock.GetUtcNow();
        var (client, error) = await ClientAuthentication.AuthenticateAsync(request, form, grants.Clients, now, ct);
        if (error is not null) return error;
        if (!client!.Allows(GrantTypes.AuthorizationCode)) return new OAuthError(OAuthErrors.UnauthorizedClient, "this client may not use authorization_code");
        if (form[OAuthParameters.Code] is not { } value) return OAuthError.Request("code is required");
        if (!SecretFormat.IsWellFormed(value, AuthorizationCode.Prefix)) return OAuthError.Grant("the code is not valid");

        var code = await session.LoadAsync<AuthorizationCode>(SecretFormat.Hash(value), ct);
        if (code is null || code.ClientId != client.Id) return OAuthError.Grant("the code is not valid");
        if (code.RedeemedAt is not null) return await RefuseReplayAsync(code, session, now, ct);
        if (Check(code, form, now) is { } refusal) return refusal;
        // Someone removed, or told to choose a new password, since the code was issued gets no sign-in from it.
        if (await session.LoadAsync<Users.AccountUser>(code.UserId, ct) is not { MustChangePassword: false }) return OAuthError.Grant("the user can no longer sign in");
        if (SuspendedAccount.Refusal(grants.Denylist, code.AccountId, client.AccountId) is { } suspended) return suspended;
        if (OperatorScopes.TokenRefusal(code.AccountId, code.Scopes, grants.Denylist) is { } operatorOnly) return operatorOnly;
        var (audience, targetError) = ResourceIndicator.Read(form[OAuthParameters.Resource], grants.Settings, code.Resource);
        if (targetError is not null) return targetError;
        var resource = audience == grants.Settings.Audience ? null : audience;

        // The code is stored at the version read (optimistic concurrency): of two redemptions at once, one commits.
        var familyId = Guid.CreateVersion7();
        var refreshToken = client.Allows(GrantTypes.RefreshToken) ? RefreshToken.Generate(familyId) : null;
        var writes = new Fanout([MartenOps.Store(code with { RedeemedAt = now, FamilyId = refreshToken is null ? null : familyId })], []);
        if (refreshToken is not null)
            writes.Add(MartenOps.StartStream<RefreshFamily>(familyId, new FamilyStarted(
                    familyId, code.AccountId, client.Id, code.UserId.ToString(), code.Scopes, SecretFormat.Hash(refreshToken), now, now + grants.Settings.Refresh.AbsoluteLifetime, resource)),
                new Contracts.Tokens.RefreshFamilyStarted(
                    Guid.CreateVersion7(), familyId, code.AccountId, client.Id, code.UserId.ToString(), code.Scopes, $"user:{code.UserId}", now) { SourceVersion = 1 });
        // In the same transaction: a self-registered client in use no longer expires unused.
        if (client is { Dynamic: true, FirstUsedAt: null }) writes.Announcements.Add(new Registration.MarkRegistrationUsed(client.Id, now));
        var token = grants.Tokens.Issue(new AccessTokenRequest(code.UserId.ToString(), client.Id.ToString(), code.AccountId, code.Scopes,
            FamilyId: refreshToken is null ? null : familyId, Audience: audience, Lifetime: grants.AccessTokenLifetimeFor(client)), grants.Issuer, GrantTypes.AuthorizationCode);
        return new GrantResult(new TokenResponse(token.Token, token.ExpiresIn, token.Scope, refreshToken), null) { Writes = writes };
    }

    /// <summary>The pure checks: expiry, exact redirect URI (§4.1.3), and PKCE including the downgrade case.</summary>
    public static OAuthError? Check(AuthorizationCode code, OAuthForm form, DateTimeOffset now)
    {
        if (now >= code.ExpiresAt) return OAuthError.Grant("the code has expired");
        if (form[OAuthParameters.RedirectUri] != code.RedirectUri) return OAuthError.Grant("redirect_uri does not match the authorization request");
        var verifier = form[OAuthParameters.CodeVerifier];
        // RFC 9700 §2.1.1: a verifier for a code issued without a challenge is a downgrade attempt.
        if (code.CodeChallenge is null) return verifier is null ? null : OAuthError.Grant("code_verifier sent for a code issued without a code_challenge");
        if (verifier is null) return OAuthError.Grant("code_verifier is required");
        if (!Pkce.IsValidVerifier(verifier)) return OAuthError.Request("code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");
        return Pkce.Matches(verifier, code.CodeChallenge) ? null : OAuthError.Grant("code_verifier does not match the code_challenge");
    }

    /// <summary>§4.1.2: a code used twice was stolen; what its first use issued is revoked.</summary>
    private static async Task<GrantResult> RefuseReplayAsync(AuthorizationCode code, IDocumentSession session, DateTimeOffset now, CancellationToken ct)
    {
        var refused = OAuthError.Grant("the code has already been used");
        if (code.FamilyId is not { } familyId || familyId == Guid.Empty) return refused;
        var ending = RevokeFamily.Decide(await session.LoadAsync<RefreshFamily>(familyId, ct), "authorization code replayed", $"client:{code.ClientId}", now);
        return new GrantResult(null, refused) { Writes = ending?.Writes, Ended = ending };
    }
}
