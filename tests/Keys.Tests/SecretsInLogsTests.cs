using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>Every log line of a whole key lifecycle, at every level, in every category: no secret in any.</summary>
public class SecretsInLogsTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private IAlbaHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync<KeysApi>(web => web.ConfigureLogging(logging =>
    {
        logging.AddProvider(_logs);
        // Provider-specific: beats the appsettings filters that quiet Npgsql, Wolverine, Marten.
        logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
    }));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task no_secret_is_logged_through_create_verify_rotate_revoke_and_bad_requests()
    {
        var (_, admin) = await _host.CreateAccountAsync();
        var key = await _host.IssueAsync(admin, Scenarios.AKey());
        await _host.VerifyUntilAsync(key.Secret, 200, TimeSpan.FromSeconds(10));
        var (_, rotatedBody) = await _host.CommandAsync(admin, key.Id, "rotate", new RotateKey(null));
        var successor = System.Text.Json.JsonSerializer.Deserialize<IssuedKey>(rotatedBody, System.Text.Json.JsonSerializerOptions.Web)!;
        await _host.CommandAsync(admin, key.Id, "revoke", new RevokeKey("done"));
        await _host.VerifyUntilAsync(key.Secret, 401, TimeSpan.FromSeconds(10));
        // A key inside malformed JSON, and a wrong key in the header, take the error paths.
        await _host.SendAsync(s =>
        {
            s.Post.Text($"{{\"key\":\"{successor.Secret}\"").ToUrl("/api/keys/verify");
            s.WithRequestHeader("Content-Type", "application/json");
        });
        await _host.SendAsync(s => s.Get.Url("/api/keys"), Tampered.Secret(successor.Secret));

        var lines = _logs.Lines.ToList();
        lines.Count.ShouldBeGreaterThan(20); // the capture really saw the run
        foreach (var secret in new[] { admin, key.Secret, successor.Secret })
        {
            var body = secret.Substring(8); // without the sk_live_ prefix, which is no secret
            lines.Where(line => line.Contains(body)).ShouldBeEmpty($"log lines hold the key ending {secret[^4..]}");
        }
    }
}
