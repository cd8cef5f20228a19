using System.Text.Json.Serialization;
using Platform.Contracts;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Protocol;

/// <summary>RFC 8414 authorization server metadata.</summary>
public sealed record ServerMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("authorization_endpoint")] string AuthorizationEndpoint,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("registration_endpoint"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RegistrationEndpoint,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyCollection<string> ScopesSupported,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
    [property: JsonPropertyName("response_modes_supported")] IReadOnlyList<string> ResponseModesSupported,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("code_challenge_methods_supported")] IReadOnlyList<string> CodeChallengeMethodsSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("introspection_endpoint_auth_methods_supported")] IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
    [property: JsonPropertyName("authorization_response_iss_parameter_supported")] bool AuthorizationResponseIssParameterSupported,
    // Where a client sends the browser to end the login pages' session (the name OpenID Connect gives it).
    [property: JsonPropertyName("end_session_endpoint")] string EndSessionEndpoint);

public static class DiscoveryEndpoint
{
    public const string AuthorizePath = "/oauth/authorize";
    public const string TokenPath = "/oauth/token";
    public const string JwksPath = "/.well-known/jwks.json";
    public const string IntrospectPath = "/oauth/introspect";
    public const string RevokePath = "/oauth/revoke";
    public const string RegisterPath = "/oauth/register";

    [WolverineGet("/.well-known/oauth-authorization-server")]
    public static Ok<ServerMetadata> Get(HttpRequest request, IssuerUri issuerUri, Microsoft.Extensions.Options.IOptions<TokensOptions> options)
    {
        var issuer = issuerUri.For(request);
        string[] authMethods = [ClientAuthentication.Basic, ClientAuthentication.Post, ClientAuthentication.None];
        string[] confidential = [ClientAuthentication.Basic, ClientAuthentication.Post];
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok(new ServerMetadata(
            issuer, issuer + AuthorizePath, issuer + TokenPath, issuer + JwksPath, issuer + IntrospectPath, issuer + RevokePath,
            options.Value.Registration.Enabled ? issuer + RegisterPath : null,
            Scopes.All, ["code"], ["query"], GrantTypes.All, [Pkce.S256], authMethods, confidential, authMethods,
            AuthorizationResponseIssParameterSupported: true, EndSessionEndpoint: issuer + Authorize.LogoutEndpoint.Path));
    }
}
