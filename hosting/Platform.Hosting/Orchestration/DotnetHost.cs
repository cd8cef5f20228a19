namespace Platform.Hosting.Orchestration;

/// <summary>The <c>dotnet</c> executable that runs the services' dlls.</summary>
internal static class DotnetHost
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        // Under `dotnet AppHost.dll` or `dotnet test` we already are it; `dotnet run` starts the apphost
        // executable instead, but the SDK leaves its own path in DOTNET_HOST_PATH.
        if (Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(System.IO.Path.Combine(root, "dotnet")))
            return System.IO.Path.Combine(root, "dotnet");
        return "dotnet";
    }
}
