using Alba;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Testing;

public static class ServiceClientRouting
{
    /// <summary>
    /// Sends a service's typed client (AddServiceClient in ServiceDefaults)
    /// to another in-process host: the request still crosses the target's whole HTTP pipeline.
    /// </summary>
    public static void RouteServiceClientTo<TClient>(this IServiceCollection services, IAlbaHost target) =>
        services.AddHttpClient(typeof(TClient).Name).ConfigurePrimaryHttpMessageHandler(() => target.Server.CreateHandler());

    /// <summary>Keys' verify (the resource-server SDK's client, which Tokens, Agents and Audit share) to an in-process Keys.</summary>
    public static void RouteKeysVerifyTo(this IServiceCollection services, IAlbaHost keys) =>
        services.RouteServiceClientTo<Sdk.ResourceServer.Platform.KeysApiClient>(keys);

    /// <summary>Discovery and the JWKS from a real Tokens host, so its access tokens are checked here; Tokens' feed stays the test's.</summary>
    public static void FetchSigningKeysFrom(this IServiceCollection services, IAlbaHost tokens) =>
        services.AddSingleton(new TestTokensFeed.RealSigningKeys(tokens));
}
