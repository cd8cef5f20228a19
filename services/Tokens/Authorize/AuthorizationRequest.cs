using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Platform.Tokens.Clients;
using Platform.Tokens.Grants;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Authorize;

/// <summary>
/// A checked authorization request (RFC 6749 §4.1.1 + RFC 7636 §4.3), with the RFC 8707 resource the
/// token will be for (its audience) when one was named.
/// </summary>
public sealed record AuthorizationRequest(OAuthClient Client, string RedirectUri, IReadOnlyList<string> Scopes, string? State, string CodeChallenge, string? Resource = null);

/// <summary>
/// The request, or why not. Until the client and its exact redirect URI are known, errors are shown
/// on our page (§4.1.2.1: never redirect to an unverified URI); after that they go back to the client.
/// </summary>
public sealed record AuthorizationOutcome(AuthorizationRequest? Request, string? PageError, string? RedirectError);

public static class AuthorizationRequestReader
{
    /// <summary>A real request is a few hundred characters; the bound keeps the login form that carries it small.</summary>
    public const int MaxQueryLength = 8 * 1024;

    public static AuthorizationOutcome Read(IEnumerable<KeyValuePair<string, StringValues>> parameters, ClientIndex clients, TokensOptions options, string issuer)
    {
        var p = parameters.ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        if (p.Sum(x => x.Key.Length + x.Value.Sum(v => v?.Length ?? 0)) > MaxQueryLength) return Page("the request is too long");
        if (p.FirstOrDefault(x => x.Value.Count > 1).Key is { } repeated) return Page($"parameter '{Cut(repeated)}' is repeated");
        // Note: no client sends control characters (RFC 6749 A.5: state is VSCHARs); they are refused here,
        // before anything is redirected or shown, rather than carried on.
        if (p.FirstOrDefault(x => x.Key.Any(char.IsControl) || x.Value.ToString().Any(char.IsControl)).Key is { } hostile)
            return Page($"parameter '{Cut(hostile)}' holds control characters");
        string? Get(string name) => p.TryGetValue(name, out var v) && v[0] is { Length: > 0 } s ? s : null;

        if (!clients.TryFind(Get(OAuthParameters.ClientId), out var client) || client.Status != ClientStatus.Active) return Page("unknown or disabled client");
        // Exact string match (RFC 9700 §4.1.3): no prefix, wildcard or normalised comparison.
        if (Get(OAuthParameters.RedirectUri) is not { } redirectUri || !client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
            return Page("redirect_uri is missing or not registered for this client");

        var state = Get(OAuthParameters.State);
        AuthorizationOutcome Back(string error, string description) =>
            new(null, null, ErrorRedirect(redirectUri, error, description, state, issuer));
        if (Get(OAuthParameters.ResponseType) != "code") return Back(OAuthErrors.UnsupportedResponseType, "response_type must be code");
        if (!client.Allows(GrantTypes.AuthorizationCode)) return Back(OAuthErrors.UnauthorizedClient, "this client may not use authorization_code");
        if (Get(OAuthParameters.CodeChallenge) is not { } challenge) return Back(OAuthErrors.InvalidRequest, "code_challenge is required (PKCE with S256)");
        if (Get(OAuthParameters.CodeChallengeMethod) != Pkce.S256) return Back(OAuthErrors.InvalidRequest, "code_challenge_method must be S256");
        if (!Pkce.IsValidChallenge(challenge)) return Back(OAuthErrors.InvalidRequest, "code_challenge must be 43 base64url characters");
        var (scopes, scopeError) = ScopeRequest.Narrow(OAuthForm.Split(Get(OAuthParameters.Scope)), client.Scopes);
        if (scopeError is not null) return Back(scopeError.Error, scopeError.ErrorDescription);
        var resource = Get(OAuthParameters.Resource);
        if (ResourceIndicator.Read(resource, options).Error is { } targetError) return Back(targetError.Error, targetError.ErrorDescription);
        return new(new AuthorizationRequest(client, redirectUri, scopes, state, challenge, resource), null, null);
    }

    /// <summary>RFC 9207: every authorization response names the issuer, so a client can tell mix-up attacks.</summary>
    public static string ErrorRedirect(string redirectUri, string error, string description, string? state, string issuer) =>
        Response(redirectUri, state, issuer, (OAuthParameters.Error, error), (OAuthParameters.ErrorDescription, description));

    public static string CodeRedirect(string redirectUri, string code, string? state, string issuer) =>
        Response(redirectUri, state, issuer, (OAuthParameters.Code, code));

    private static string Response(string redirectUri, string? state, string issuer, params (string Name, string Value)[] values)
    {
        var query = values.ToDictionary(v => v.Name, v => (string?)v.Value);
        if (state is not null) query[OAuthParameters.State] = state;
        query[OAuthParameters.Issuer] = issuer;
        return QueryHelpers.AddQueryString(redirectUri, query);
    }

    private static AuthorizationOutcome Page(string error) => new(null, error, null);

    private static string Cut(string name) => new([.. name.Where(c => !char.IsControl(c)).Take(40)]);
}
