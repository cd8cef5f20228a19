using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Sdk.ResourceServer.Platform;
using Wolverine;

namespace Platform.Infrastructure.Http;

public static class ServiceClients
{
    /// <summary>
    /// A typed HttpClient for another service, addressed by its AppHost resource name (`keys-api`):
    /// service discovery resolves it from `services:{name}:http:N`.
    /// </summary>
    /// <remarks>
    /// Note: no retries. The calls between services are credential checks: Keys answers 429 when a key's
    /// rate limit is spent, and retrying would spend more of it and hold the caller for seconds. A failed
    /// call becomes a 503 the end client may retry.
    /// </remarks>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string serviceName) where TClient : class
    {
        // A typed client is built by a factory lambda, which Wolverine's generated endpoints must resolve at run time.
        services.ConfigureWolverine(options => options.CodeGeneration.AlwaysUseServiceLocationFor<TClient>());
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked for evaluation; the defaults' retries are what must go
        return services.AddHttpClient<TClient>(client => Address(client, serviceName)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    /// <summary>
    /// A named HttpClient for another service (<paramref name="clientName"/>), for a singleton that takes a
    /// client from the factory per call; the same addressing and no retries as above.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient(this IServiceCollection services, string clientName, string serviceName)
    {
#pragma warning disable EXTEXP0001 // as above
        return services.AddHttpClient(clientName, client => Address(client, serviceName)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    /// <summary>
    /// Keys' verify through the resource-server SDK's client, the one the platform has: Tokens, Agents and
    /// Audit check the API keys they accept exactly as a resource server does. Addressed as <c>keys-api</c>.
    /// </summary>
    public static IServiceCollection AddKeysApiClient(this IServiceCollection services)
    {
        services.AddServiceClient(nameof(KeysApiClient), "keys-api");
        services.TryAddSingleton<KeysApiClient>();
        return services;
    }

    private static void Address(HttpClient client, string serviceName)
    {
        client.BaseAddress = new Uri($"http://{serviceName}");
        client.Timeout = TimeSpan.FromSeconds(10);
    }
}
