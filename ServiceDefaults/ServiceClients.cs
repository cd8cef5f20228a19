using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Platform.ServiceDefaults;

public static class ServiceClients
{
    /// <summary>
    /// A typed HttpClient for another service, addressed by its AppHost resource name (`keys-api`):
    /// service discovery resolves it from `services:{name}:http:N`, and resilience applies by default.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string serviceName) where TClient : class
    {
        // A typed client is built by a factory lambda, which Wolverine's generated endpoints must resolve at run time.
        services.ConfigureWolverine(options => options.CodeGeneration.AlwaysUseServiceLocationFor<TClient>());
        return services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri($"http://{serviceName}"));
    }
}
