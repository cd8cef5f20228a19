using Alba;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Testing;

/// <summary>Starts a service in-process (Alba) against the test database.</summary>
public static class ServiceHost
{
    public static async Task<IAlbaHost> StartAsync<TService>(Action<IWebHostBuilder>? configure = null) where TService : class
    {
        var connectionString = await TestDatabase.ConnectionStringAsync();
        // Services read it while building, before any test-host override applies; every host in
        // this process shares the one database, as the services do in production.
        Environment.SetEnvironmentVariable("ConnectionStrings__platform", connectionString);
        // Program ends in RunJasperFxCommands; this makes it start the host under a test server.
        JasperFxEnvironment.AutoStartHost = true;
        return await AlbaHost.For<TService>(configure ?? (_ => { }));
    }

    /// <summary>Wipes the service's Marten documents and events (its own schema only).</summary>
    public static Task ResetMartenDataAsync(this IAlbaHost host) =>
        host.Services.GetRequiredService<IDocumentStore>().Advanced.ResetAllData();
}
