using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer.AccessTokens;
using Platform.Sdk.ResourceServer.Caching;
using Platform.Sdk.ResourceServer.Credentials;
using Platform.Sdk.ResourceServer.Feeds;
using Platform.Sdk.ResourceServer.Platform;

namespace Platform.Sdk.ResourceServer;

public static class PlatformAuthentication
{
    /// <summary>
    /// The <c>Platform</c> authentication scheme (made the default), its verifiers and caches, and the
    /// three revocation feeds. Options bind from the <c>Platform</c> configuration section, then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddPlatformAuthentication(this IServiceCollection services, Action<PlatformAuthenticationOptions>? configure = null)
    {
        var options = services.AddOptions<PlatformAuthenticationOptions>().BindConfiguration(PlatformAuthenticationOptions.Section);
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        AddClient<KeysApiClient>(services, o => o.KeysUrl);
        AddClient<TokensApiClient>(services, o => o.TokensUrl);
        AddClient<AgentsApiClient>(services, o => o.AgentsUrl);

        services.AddSingleton<AcceptanceCache<VerifiedKey>>();
        services.AddSingleton<AcceptanceCache<VerifiedAgent>>();
        services.AddSingleton<TokenDenylist>();
        services.AddSingleton<SigningKeys>();
        services.TryAddSingleton<KeysApiClient>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<AgentTokenVerifier>();
        services.AddSingleton<AccessTokenVerifier>();
        services.AddSingleton<KeysFeed>();
        services.AddSingleton<AgentsFeed>();
        services.AddSingleton<TokensFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<KeysFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<AgentsFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<TokensFeed>());

        services.AddAuthentication(PlatformAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, PlatformAuthenticationHandler>(PlatformAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        return services;
    }

    /// <summary>The endpoint needs a platform credential holding <paramref name="scope"/>; 401 or 403 in the seed's shape otherwise.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoint, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(new AuthorizationPolicyBuilder(PlatformAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(scope))
            .Build());

    private static void AddClient<TClient>(IServiceCollection services, Func<PlatformAuthenticationOptions, string?> url) =>
        services.AddHttpClient(typeof(TClient).Name, (sp, client) =>
        {
            var options = sp.GetRequiredService<IOptions<PlatformAuthenticationOptions>>().Value;
            client.BaseAddress = options.BaseFor(url(options));
            client.Timeout = options.RequestTimeout;
        });
}
