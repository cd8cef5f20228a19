using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Testing;

/// <summary>Starts a service in-process (Alba) against the test database.</summary>
public static class ServiceHost
{
    public static async Task<IAlbaHost> StartAsync<TService>(Action<IWebHostBuilder>? configure = null) where TService : class =>
        await StartOnAsync<TService>(await TestDatabase.ConnectionStringAsync(), configure);

    /// <summary>A host on another server than the shared test database (a fault test's own PostgreSQL).</summary>
    public static async Task<IAlbaHost> StartOnAsync<TService>(string connectionString, Action<IWebHostBuilder>? configure = null) where TService : class
    {
        // Services read it while building, before any test-host override applies; every host in
        // this process shares the one database, as the services do in production.
        Environment.SetEnvironmentVariable("ConnectionStrings__platform", connectionString);
        // Program ends in RunJasperFxCommands; this makes it start the host under a test server.
        JasperFxEnvironment.AutoStartHost = true;
        var host = await AlbaHost.For<TService>(web =>
        {
            web.ConfigureTestServices(services => services.TrustTestAccessTokens());
            configure?.Invoke(web);
        });
        await WaitUntilReadyAsync<TService>(host);
        return host;
    }

    /// <summary>As the AppHost does: a service takes traffic once /health says it is ready (e.g. its key index loaded).</summary>
    private static async Task WaitUntilReadyAsync<TService>(IAlbaHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var result = await host.Scenario(s =>
            {
                s.Get.Url("/health");
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode == 200) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{typeof(TService).Name}: /health not ready within 60 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Wipes the service's Marten documents and events (its own schema only).</summary>
    public static Task ResetMartenDataAsync(this IAlbaHost host) =>
        host.Services.GetRequiredService<IDocumentStore>().Advanced.ResetAllData();
}
