using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Platform.ServiceDefaults;

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
        return services.AddHttpClient<TClient>(client =>
        {
            client.BaseAddress = new Uri($"http://{serviceName}");
            client.Timeout = TimeSpan.FromSeconds(10);
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
