using System.Reflection;

namespace Platform.Hosting.Testing;

/// <summary>
/// Set while a test runs the AppHost's entry point: builders become testing builders and
/// <c>Run()</c> hands the app over instead of blocking.
/// </summary>
internal sealed class TestingHook(Assembly appHostAssembly)
{
    private static readonly AsyncLocal<TestingHook?> CurrentHook = new();

    public static TestingHook? Current => CurrentHook.Value;

    public Assembly AppHostAssembly { get; } = appHostAssembly;

    public DistributedApplication? Captured { get; private set; }

    public static TestingHook Install(Assembly appHostAssembly) => CurrentHook.Value = new TestingHook(appHostAssembly);

    public static void Remove() => CurrentHook.Value = null;

    public bool Capture(DistributedApplication app)
    {
        Captured = app;
        return true;
    }
}
