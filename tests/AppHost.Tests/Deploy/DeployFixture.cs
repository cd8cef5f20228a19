using System.Text.Json.Nodes;

namespace Platform.AppHost.Tests.Deploy;

/// <summary>
/// The Aspire manifest and three renderings of deploy/kubernetes: the base alone, the example overlay, and
/// the example with the samples component, as docs/deploy.md composes it. Rendered by kubectl when this
/// machine has it (and then by the fallback renderer too, to be compared), else by the fallback alone.
/// </summary>
public sealed class DeployFixture : IAsyncLifetime
{
    public string Checkout { get; } = AppHostManifest.Checkout();

    internal AspireManifest Manifest { get; private set; } = null!;

    internal Rendered Base { get; private set; } = null!;

    internal Rendered Platform { get; private set; } = null!;

    internal Rendered WithSamples { get; private set; } = null!;

    internal IEnumerable<Rendered> Deployable => [Platform, WithSamples];

    /// <summary>Each folder as kubectl and as the fallback rendered it; empty without kubectl.</summary>
    internal List<(string Folder, List<JsonObject> Kubectl, List<JsonObject> Fallback)> Comparisons { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        Manifest = new AspireManifest(await AppHostManifest.ResourcesAsync(ct), Checkout);
        var deploy = Path.Combine(Checkout, "deploy", "kubernetes");
        var overlay = Path.Combine(Path.GetTempPath(), $"deploy-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(overlay);
        try
        {
            // Kustomize takes only relative paths, which may climb out of the overlay's folder.
            await File.WriteAllTextAsync(Path.Combine(overlay, "kustomization.yaml"), $"""
                namespace: platform
                resources:
                  - {Path.GetRelativePath(overlay, deploy)}
                components:
                  - {Path.GetRelativePath(overlay, Path.Combine(deploy, "samples"))}
                """, ct);
            Base = await RenderAsync(Path.Combine(deploy, "base"), ct);
            Platform = await RenderAsync(deploy, ct);
            WithSamples = await RenderAsync(overlay, ct);
        }
        finally
        {
            Directory.Delete(overlay, recursive: true);
        }
    }

    private async Task<Rendered> RenderAsync(string folder, CancellationToken ct)
    {
        var fallback = MiniKustomize.Render(folder);
        if (Kubectl.Path is null) return new Rendered(fallback);
        var kubectl = await Kubectl.KustomizeAsync(folder, ct);
        Comparisons.Add((folder, kubectl, fallback));
        return new Rendered(kubectl);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
