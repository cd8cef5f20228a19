using System.Diagnostics;
using System.Text.Json;

namespace Platform.AppHost.Tests;

/// <summary>The built AppHost run as the README's manifest command runs it, and the checkout it runs in.</summary>
internal static class AppHostManifest
{
    public static async Task<(int ExitCode, string Log, string Errors)> PublishAsync(string output, CancellationToken ct)
    {
        using var run = Process.Start(new ProcessStartInfo("dotnet", [typeof(PlatformState).Assembly.Location, "--publisher", "manifest", "--output-path", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = run.StandardOutput.ReadToEndAsync(ct);
        var errors = run.StandardError.ReadToEndAsync(ct);
        await run.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(2), ct);
        return (run.ExitCode, await log, await errors);
    }

    /// <summary>The manifest's resources, published into a folder of the checkout that is deleted afterwards.</summary>
    public static async Task<JsonElement> ResourcesAsync(CancellationToken ct)
    {
        var output = Path.Combine(Checkout(), $".manifest-test-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, log, errors) = await PublishAsync(output, ct);
            exitCode.ShouldBe(0, log + errors);
            var text = await File.ReadAllTextAsync(Path.Combine(output, "aspire-manifest.json"), ct);
            return JsonDocument.Parse(text).RootElement.GetProperty("resources").Clone();
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    public static string Checkout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("the tests run inside the checkout");
    }
}
