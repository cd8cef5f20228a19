using System.Text.Json;

namespace Platform.AppHost.Tests;

/// <summary>The deployment manifest: every service, the database as a connection string, nothing of this machine.</summary>
public sealed class ManifestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_published_manifest_names_every_service_asks_for_the_database_and_holds_no_path_of_the_machine()
    {
        var checkout = AppHostManifest.Checkout();
        var output = Path.Combine(checkout, $".manifest-test-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, log, errors) = await AppHostManifest.PublishAsync(output, Ct);
            exitCode.ShouldBe(0, log + errors);

            var text = await File.ReadAllTextAsync(Path.Combine(output, "aspire-manifest.json"), Ct);
            var resources = JsonDocument.Parse(text).RootElement.GetProperty("resources");
            resources.EnumerateObject().Select(r => r.Name).Order().ShouldBe(
                ["agents-api", "audit-api", "dashboard", "feeds-api-key", "gateway", "keys-api", "mcp-server", "platform", "sample-api", "tokens-api"]);
            resources.GetProperty("platform").GetRawText().ShouldContain("connectionString");
            // A deployment runs in Production unless the manifest was asked for another environment.
            foreach (var service in resources.EnumerateObject().Where(r => r.Name is not "platform" and not "feeds-api-key"))
                service.Value.GetProperty("env").GetProperty("DOTNET_ENVIRONMENT").GetString().ShouldBe("Production", service.Name);
            // Whatever follows a revocation feed asks the deployment for the feeds key (a secret), not a file of this machine.
            resources.GetProperty("feeds-api-key").GetRawText().ShouldContain("\"secret\": true");
            foreach (var follower in new[] { "keys-api", "agents-api", "audit-api", "sample-api", "mcp-server" })
                resources.GetProperty(follower).GetProperty("env").GetProperty("Platform__ApiKey").GetString().ShouldBe("{feeds-api-key.value}", follower);
            foreach (var local in new[] { checkout, Path.GetTempPath(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "postgres" })
                text.ShouldNotContain(local.TrimEnd('/'), Case.Insensitive);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task a_manifest_asked_for_outside_the_checkout_is_refused_in_one_line_and_nothing_is_written()
    {
        var output = Path.Combine(Path.GetTempPath(), $"manifest-test-{Guid.NewGuid():N}");
        var (exitCode, log, errors) = await AppHostManifest.PublishAsync(output, Ct);

        exitCode.ShouldBe(2, log);
        errors.Trim().ShouldStartWith("--output-path must be a folder inside the checkout");
        errors.ShouldNotContain("   at ");
        Directory.Exists(output).ShouldBeFalse();
    }
}
