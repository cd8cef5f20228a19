using System.Reflection;

namespace Platform.Hosting;

/// <summary>
/// Runs a real AppHost from a test, the way Aspire.Hosting.Testing does: its Program builds the model,
/// and the app starts in testing mode (random ports, throw-away PostgreSQL).
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Builds the AppHost's app and starts it; returns once every resource is healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(Assembly appHostAssembly, string[] args, CancellationToken ct = default)
    {
        var app = await BuildAsync(appHostAssembly, args);
        try
        {
            await app.StartAsync(ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the AppHost's entry point up to its <c>Build().Run()</c> and returns that app, not started.</summary>
    public static async Task<DistributedApplication> BuildAsync(Assembly appHostAssembly, string[] args)
    {
        var entryPoint = appHostAssembly.EntryPoint
            ?? throw new ArgumentException($"{appHostAssembly.GetName().Name} has no entry point", nameof(appHostAssembly));
        var hook = Testing.TestingHook.Install(appHostAssembly);
        try
        {
            var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args]);
            if (result is Task task) await task;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
        }
        finally
        {
            Testing.TestingHook.Remove();
        }
        return hook.Captured ?? throw new InvalidOperationException($"{appHostAssembly.GetName().Name}'s entry point returned without calling Build().Run()");
    }

    /// <summary>A testing-mode builder for a model written in the test itself; projects resolve through the given assembly's metadata.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args, Assembly projectsAssembly) =>
        new(args, projectsAssembly, testing: true);
}
