using System.Reflection;
using Platform.Hosting;

namespace Hosting.Tests;

/// <summary>The test AppHost (tests/Hosting.Tests.AppHost) and the test web app it knows how to run.</summary>
internal static class TestAppHost
{
    public const string AppProject = "tests/Hosting.Tests.App/Hosting.Tests.App.csproj";

    public static Assembly Assembly { get; } = Assembly.Load("Hosting.Tests.AppHost");

    /// <summary>A testing-mode builder for a model written in the test, resolving projects through the test AppHost.</summary>
    public static DistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplicationTestingBuilder.CreateBuilder(args, Assembly);

    public static CancellationToken Timeout(int seconds = 120)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        return cts.Token;
    }
}
