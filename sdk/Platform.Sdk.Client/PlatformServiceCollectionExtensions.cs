using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Sdk.Client.Tokens;

namespace Platform.Sdk.Client;

public static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PlatformClient"/> (the management APIs, authenticated with <c>Platform:ApiKey</c>)
    /// and <see cref="PlatformTokenProvider"/>, from <paramref name="configuration"/> and the environment.
    /// Throws <see cref="PlatformConfigurationException"/> at once when a setting is missing or malformed.
    /// </summary>
    /// <returns>The management client's builder, for resilience or a custom primary handler.</returns>
    public static IHttpClientBuilder AddPlatformClient(this IServiceCollection services, IConfiguration configuration)
    {
        var options = PlatformOptions.From(configuration).Validate();
        if (options.ApiKey is not { } apiKey)
            throw new PlatformConfigurationException("the management client authenticates with an API key: set Platform:ApiKey (PLATFORM_API_KEY)");
        services.AddPlatformTokenProvider(options);
        return services.AddHttpClient<PlatformClient>(http => http.BaseAddress = options.Url)
            .AddHttpMessageHandler(() => new ApiKeyHandler(apiKey));
    }

    /// <summary>
    /// Makes a named or typed HttpClient send platform access tokens (client credentials or API key
    /// exchange, from <c>Platform:*</c> configuration or <c>PLATFORM_*</c> variables), refreshed before
    /// expiry and once more on a 401: <c>services.AddHttpClient("x").AddPlatformTokens()</c>.
    /// </summary>
    public static IHttpClientBuilder AddPlatformTokens(this IHttpClientBuilder builder)
    {
        builder.Services.TryAddSingleton(sp => PlatformOptions.From(sp.GetRequiredService<IConfiguration>()).Validate());
        builder.Services.AddPlatformTokenProvider(null);
        return builder.AddHttpMessageHandler(sp => new PlatformTokenHandler(sp.GetRequiredService<PlatformTokenProvider>()));
    }

    /// <summary>As <see cref="AddPlatformTokens(IHttpClientBuilder)"/>, validating <paramref name="configuration"/> now rather than at first use.</summary>
    public static IHttpClientBuilder AddPlatformTokens(this IHttpClientBuilder builder, IConfiguration configuration)
    {
        builder.Services.AddPlatformTokenProvider(PlatformOptions.From(configuration).Validate());
        return builder.AddHttpMessageHandler(sp => new PlatformTokenHandler(sp.GetRequiredService<PlatformTokenProvider>()));
    }

    private static void AddPlatformTokenProvider(this IServiceCollection services, PlatformOptions? options)
    {
        if (options is not null) services.TryAddSingleton(options);
        services.AddHttpClient(PlatformTokenProvider.HttpClientName);
        services.TryAddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            // A client per fetch: the factory keeps rotating its handlers for a provider that lives as long as the app.
            return new PlatformTokenProvider(() => factory.CreateClient(PlatformTokenProvider.HttpClientName),
                sp.GetRequiredService<PlatformOptions>(), sp.GetService<TimeProvider>());
        });
    }
}
