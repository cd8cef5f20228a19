using Marten;
using Platform.Infrastructure.Errors;
using Platform.Secrets;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;
using Platform.Tokens.State;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Introspection;

public static class IntrospectEndpoint
{
    // Note: one answer for every inactive token; it is never changed after this.
    private static readonly Ok<Dictionary<string, object>> Inactive = TypedResults.Ok(new Dictionary<string, object> { ["active"] = false });

    /// <summary>
    /// RFC 7662. Callers authenticate as a confidential client (§2.1). Anything that is not a live token
    /// of ours — malformed, forged, expired, revoked, its key stopped, its account suspended, or another account's — is just
    /// <c>{"active": false}</c>.
    /// </summary>
    [ProducesResponseType<OAuthErrorBody>(StatusCodes.Status401Unauthorized)]
    [WolverinePost("/oauth/introspect")]
    public static async Task<Results<Ok<Dictionary<string, object>>, OAuthRefused>> Post(HttpRequest request, ClientLookup clients, AccessTokenValidator validator, IssuerUri issuerUri, IDocumentStore store,
        Denylist denylist, TimeProvider clock, CancellationToken ct)
    {
        var (form, formError) = await OAuthForm.ReadAsync(request, ct);
        if (formError is not null) return formError.ToResult();
        var now = clock.GetUtcNow();
        var (caller, error) = await ClientAuthentication.AuthenticateAsync(request, form!, clients, now, ct);
        if (error is not null) return error.ToResult();
        if (caller!.Type != ClientType.Confidential) return OAuthError.Client("introspection needs a confidential client", basic: false).ToResult();
        if (form![OAuthParameters.Token] is not { } token) return OAuthError.Request("token is required").ToResult();
        OAuthError.NoStore(request.HttpContext.Response);

        if (RefreshToken.FamilyOf(token) is { } familyId) return await RefreshTokenAsync(token, familyId, caller, store, denylist, now, ct);
        if (await validator.ValidateAsync(token, issuerUri.For(request)) is not { } live) return Inactive;
        var jwt = live.Jwt;
        if (!MayIntrospect(caller, jwt.TryGetPayloadValue<string>(TokenClaims.AccountId, out var account) ? account : null)) return Inactive;
        var answer = new Dictionary<string, object>
        {
            ["active"] = true,
            ["scope"] = string.Join(' ', live.Scopes),
            ["token_type"] = "Bearer",
            ["iss"] = jwt.Issuer,
            ["sub"] = jwt.Subject,
            ["aud"] = jwt.Audiences.ToArray(),
            ["exp"] = new DateTimeOffset(jwt.ValidTo).ToUnixTimeSeconds(),
            ["iat"] = new DateTimeOffset(jwt.IssuedAt).ToUnixTimeSeconds(),
            ["jti"] = jwt.Id,
        };
        foreach (var claim in (string[])[TokenClaims.ClientId, TokenClaims.AccountId, TokenClaims.KeyId])
            if (jwt.TryGetPayloadValue<string>(claim, out var value)) answer[claim] = value;
        return TypedResults.Ok(answer);
    }

    /// <summary>
    /// Note: RFC 7662 §4 — a caller learns only about tokens it has business with: those of its own account
    /// (its resource servers and other clients). Another tenant's token, even a live one, reads as inactive,
    /// so introspection can neither confirm a stolen token nor reveal who it belongs to. A client of no
    /// account (dynamically registered) has business with none.
    /// </summary>
    public static bool MayIntrospect(OAuthClient caller, string? tokenAccount) =>
        caller.AccountId != Guid.Empty && Guid.TryParse(tokenAccount, out var account) && account == caller.AccountId;

    /// <summary>
    /// Note: only a refresh token is looked up in the database, so only it opens a session; an access token (what
    /// resource servers introspect on every request) is answered from its signature and memory.
    /// </summary>
    private static async Task<Ok<Dictionary<string, object>>> RefreshTokenAsync(string token, Guid familyId, OAuthClient caller, IDocumentStore store, Denylist denylist, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var family = await session.LoadAsync<RefreshFamily>(familyId, ct);
        if (family is null || family.RevokedAt is not null || now >= family.ExpiresAt || family.CurrentHash != SecretFormat.Hash(token)) return Inactive;
        if (denylist.IsSuspended(family.AccountId)) return Inactive;
        if (!MayIntrospect(caller, family.AccountId.ToString())) return Inactive;
        return TypedResults.Ok(new Dictionary<string, object>
        {
            ["active"] = true,
            ["token_type"] = "refresh_token",
            ["scope"] = string.Join(' ', family.Scopes),
            ["client_id"] = family.ClientId.ToString(),
            ["sub"] = family.Subject,
            ["account_id"] = family.AccountId.ToString(),
            ["exp"] = family.ExpiresAt.ToUnixTimeSeconds(),
        });
    }
}
