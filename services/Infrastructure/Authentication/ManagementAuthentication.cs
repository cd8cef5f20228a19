using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Sdk.ResourceServer;
using Platform.Sdk.ResourceServer.AccessTokens;
using Platform.Sdk.ResourceServer.Feeds;
using Platform.Sdk.ResourceServer.Platform;

namespace Platform.Infrastructure.Authentication;

/// <summary>
/// A management API takes either credential: an API key (<c>sk_live_…</c>, <c>sk_test_…</c>) goes to the
/// service's own API-key scheme, unchanged; a three-part JWT to the access-token scheme. The choice is
/// made by the credential's shape, so each scheme answers its own 401 and 403 in the seed's shape.
/// </summary>
public static class ManagementAuthentication
{
    public const string SchemeName = "Management";
    private const string TokensService = "tokens-api";

    public static AuthenticationBuilder AddManagementCredentials(this AuthenticationBuilder authentication, string apiKeyScheme, string requiredScope)
    {
        authentication.AddScheme<AccessTokenSchemeOptions, AccessTokenAuthenticationHandler>(
            AccessTokenAuthenticationHandler.SchemeName, options => options.RequiredScope = requiredScope);
        return authentication.AddPolicyScheme(SchemeName, null, options => options.ForwardDefaultSelector = context =>
            BearerHeader.Read(context.Request, out _) is { } bearer && AccessTokenRules.LooksLikeJwt(bearer)
                ? AccessTokenAuthenticationHandler.SchemeName
                : apiKeyScheme);
    }

    /// <summary>
    /// Access tokens checked against Tokens' JWKS, fetched from <c>tokens-api</c> (every service but Tokens), and
    /// against Tokens' revocation feed (<c>/oauth/changes</c>), followed as resource servers follow it: a sign-out,
    /// a revoked token or family, a disabled client or a stopped key ends a token here too, not at its <c>exp</c>.
    /// The feed is read with the API key in <c>Platform:ApiKey</c> or <c>Platform:ApiKeyFile</c> (feeds:read). The checks
    /// are the resource-server SDK's (<see cref="AccessTokenVerifier"/>), so a fix lands once, with one difference: the
    /// issuer is not compared. Tokens names it after the origin a client used, and a service fetches the JWKS from
    /// Tokens directly, so a valid signature already says who issued the token.
    /// </summary>
    public static IServiceCollection AddAccessTokensFromJwks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeys>();
        services.TryAddSingleton<AccessTokenVerifier>();
        services.TryAddSingleton<IAccessTokenValidator, JwksAccessTokenValidator>();
        services.AddHostedService<SigningKeysWarmup>();

        services.AddOptions<PlatformAuthenticationOptions>().BindConfiguration(PlatformAuthenticationOptions.Section)
            .PostConfigure(options => options.ValidateIssuer = false);
#pragma warning disable EXTEXP0001 // a stream meant to stay open must not be cut by the defaults' request timeout
        services.AddHttpClient(nameof(TokensApiClient), client => client.BaseAddress = new Uri($"http://{TokensService}"))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.TryAddSingleton<TokenDenylist>();
        services.TryAddSingleton<TokensFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<TokensFeed>());
        return services;
    }
}
