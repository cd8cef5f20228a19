using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

public static class ServiceClients
{
    /// <summary>
    /// A typed HttpClient for another service, addressed by its AppHost resource name (`keys-api`):
    /// service discovery resolves it from `services:{name}:http:N`, and resilience applies by default.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string serviceName) where TClient : class =>
        services.AddHttpClient<TClient>(client => client.BaseAddress = new Uri($"http://{serviceName}"));
}
