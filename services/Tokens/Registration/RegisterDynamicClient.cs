using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Contracts.Tokens;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Tokens.Registration;

/// <summary>RFC 7591 §2 client metadata, as a client sends it.</summary>
public sealed record ClientMetadata(
    [property: JsonPropertyName("redirect_uris")] string[]? RedirectUris,
    [property: JsonPropertyName("client_name")] string? ClientName,
    [property: JsonPropertyName("grant_types")] string[]? GrantTypes,
    [property: JsonPropertyName("response_types")] string[]? ResponseTypes,
    [property: JsonPropertyName("token_endpoint_auth_method")] string? TokenEndpointAuthMethod,
    [property: JsonPropertyName("scope")] string? Scope);

/// <summary>RFC 7591 §3.2.1: what was registered. Public clients only, so there is no secret.</summary>
public sealed record RegisteredMetadata(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_id_issued_at")] long ClientIdIssuedAt,
    [property: JsonPropertyName("client_name")] string ClientName,
    [property: JsonPropertyName("redirect_uris")] string[] RedirectUris,
    [property: JsonPropertyName("grant_types")] string[] GrantTypes,
    [property: JsonPropertyName("response_types")] string[] ResponseTypes,
    [property: JsonPropertyName("token_endpoint_auth_method")] string TokenEndpointAuthMethod,
    [property: JsonPropertyName("scope")] string Scope);

public static class RegisterDynamicClientEndpoint
{
    private const string Actor = "dynamic-registration";

    /// <summary>
    /// Anyone may register a public client (MCP clients do it by themselves), within limits: a rate per
    /// address, code flow only, redirect URIs as for any client, scopes from a non-management list, and
    /// expiry if it never redeems a code. Every registration is an event, audited.
    /// </summary>
    [ProducesResponseType<OAuthErrorBody>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<OAuthErrorBody>(StatusCodes.Status429TooManyRequests)]
    [WolverinePost(DiscoveryEndpoint.RegisterPath)]
    [EnableRateLimiting(RegistrationRateLimit.Policy)]
    public static async Task<(Results<Created<RegisteredMetadata>, OAuthRefused>, IStartStream?, OutgoingMessages)> Post(HttpRequest request, IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var settings = options.Value.Registration;
        if (!settings.Enabled) return (Error(StatusCodes.Status404NotFound, OAuthErrors.InvalidRequest, "dynamic registration is disabled"), null, []);
        var now = clock.GetUtcNow();
        ClientMetadata? metadata;
        try
        {
            metadata = await request.ReadFromJsonAsync<ClientMetadata>(ct);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (Error(StatusCodes.Status400BadRequest, RegistrationErrors.InvalidClientMetadata, "the body must be a JSON object of client metadata"), null, []);
        }
        var (accepted, problem) = Decide(metadata, settings);
        if (problem is not null) return (problem.ToResult(), null, []);

        var registered = new OAuthClientRegistered(Guid.CreateVersion7(), Guid.Empty, accepted!.ClientName, ClientType.Public, accepted.RedirectUris, accepted.Scopes,
            accepted.GrantTypes, null, Actor, now, Dynamic: true);
        var answer = new RegisteredMetadata(registered.ClientId.ToString(), now.ToUnixTimeSeconds(), registered.Name, registered.RedirectUris, registered.GrantTypes,
            ["code"], ClientAuthentication.None, string.Join(' ', registered.Scopes));
        OAuthError.NoStore(request.HttpContext.Response);
        return (TypedResults.Created((string?)null, answer), MartenOps.StartStream<OAuthClient>(registered.ClientId, registered),
            [ClientAnnouncements.Registered(registered)]);
    }

    public sealed record Accepted(string ClientName, string[] RedirectUris, string[] GrantTypes, string[] Scopes);

    /// <summary>The pure decision: the metadata accepted (with defaults filled in), or the RFC 7591 §3.2.2 error.</summary>
    public static (Accepted? Accepted, OAuthError? Problem) Decide(ClientMetadata? metadata, RegistrationOptions settings)
    {
        if (metadata is null) return Bad(RegistrationErrors.InvalidClientMetadata, "the body must be a JSON object of client metadata");
        // Note: RFC 7591 §3.2.1 lets the server replace requested metadata. A client asking for a secret method
        // (the official MCP C# client asks for client_secret_post) is registered public all the same and told
        // "none": it gets no secret and proves itself with PKCE. Other methods are refused.
        if (metadata.TokenEndpointAuthMethod is { } method && method is not (ClientAuthentication.None or ClientAuthentication.Post or ClientAuthentication.Basic))
            return Bad(RegistrationErrors.InvalidClientMetadata, "only public clients (token_endpoint_auth_method none) may register themselves");
        var redirects = metadata.RedirectUris ?? [];
        if (redirects.Length == 0 || redirects.Length > settings.MaxRedirectUris) return Bad(RegistrationErrors.InvalidRedirectUri, $"redirect_uris must hold 1 to {settings.MaxRedirectUris} URIs");
        if (redirects.Select(ClientRules.RedirectUri).FirstOrDefault(p => p is not null) is { } badUri) return Bad(RegistrationErrors.InvalidRedirectUri, badUri);
        var grants = metadata.GrantTypes ?? [Protocol.GrantTypes.AuthorizationCode];
        if (!grants.Contains(Protocol.GrantTypes.AuthorizationCode) || grants.Any(g => g is not (Protocol.GrantTypes.AuthorizationCode or Protocol.GrantTypes.RefreshToken)))
            return Bad(RegistrationErrors.InvalidClientMetadata, "grant_types must be authorization_code, optionally with refresh_token");
        if (metadata.ResponseTypes is { } responses && responses.Any(r => r != "code")) return Bad(RegistrationErrors.InvalidClientMetadata, "response_types must be code");
        var scopes = OAuthForm.Split(metadata.Scope);
        // A self-registered client has no account, so never an operator's, whatever the configuration allows.
        if (scopes.FirstOrDefault(Scopes.OperatorOnly.Contains) is { } operatorOnly)
            return Bad(RegistrationErrors.InvalidClientMetadata, $"scope '{operatorOnly}' is for operator accounts only, and a self-registered client has no account");
        if (scopes.FirstOrDefault(s => !settings.AllowedScopes.Contains(s)) is { } refused) return Bad(RegistrationErrors.InvalidClientMetadata, $"scope '{Cut(refused)}' cannot be registered dynamically");
        var name = metadata.ClientName?.Trim() is { Length: > 0 } given ? given : "unnamed client";
        if (ClientRules.Name(name) is { } badName) return Bad(RegistrationErrors.InvalidClientMetadata, badName);
        string[] granted = scopes.Count == 0 ? [.. settings.AllowedScopes.Where(s => !Scopes.OperatorOnly.Contains(s))] : [.. scopes];
        return (new Accepted(name, [.. redirects.Distinct()], [.. grants.Distinct()], granted), null);
    }

    private static (Accepted?, OAuthError?) Bad(string error, string description) => (null, new OAuthError(error, description));

    private static OAuthRefused Error(int status, string error, string description) => new OAuthError(error, description, status).ToResult();

    private static string Cut(string value) => value.Length <= 64 ? value : value[..64] + "…";
}

/// <summary>RFC 7591 §3.2.2 error codes.</summary>
public static class RegistrationErrors
{
    public const string InvalidRedirectUri = "invalid_redirect_uri";
    public const string InvalidClientMetadata = "invalid_client_metadata";
}
