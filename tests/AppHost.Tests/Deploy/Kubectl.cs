using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Platform.AppHost.Tests.Deploy;

/// <summary><c>kubectl kustomize</c>, when kubectl is on this machine's PATH (CI machines may not have it).</summary>
internal static class Kubectl
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "kubectl"))
        .FirstOrDefault(File.Exists);

    public static async Task<List<JsonObject>> KustomizeAsync(string folder, CancellationToken ct)
    {
        using var run = Process.Start(new ProcessStartInfo(Path!, ["kustomize", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = run.StandardOutput.ReadToEndAsync(ct);
        var errors = run.StandardError.ReadToEndAsync(ct);
        await run.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(1), ct);
        run.ExitCode.ShouldBe(0, await errors);
        return Yaml.Documents(await output);
    }
}
