using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Testing;
using Platform.Agents.Credentials;

namespace Platform.Agents.Tests;

/// <summary>Every log line of a credential's whole lifecycle and its error paths: no secret in any.</summary>
public class SecretsInLogsTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    [Fact]
    public async Task no_secret_is_logged_through_mint_verify_restrict_refresh_revoke_and_bad_requests()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await Fixture.StartAgentsAsync(web => web.ConfigureLogging(logging =>
        {
            logging.AddProvider(logs);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        }));
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);

        var minted = await host.MintAsync(key.Secret, Requests.AMint("planner"));
        var child = await host.RestrictAsync(minted, new RestrictCredential("worker", null, null, null));
        var (_, refreshedBody) = await host.SendAsync(s => s.Post.Url("/api/agents/refresh"), minted.Token, "planner");
        var refreshed = Json.Read<RefreshedCredential>(refreshedBody);
        await host.VerifyAsync(minted.Token, "impostor");
        await host.VerifyAsync(Tampered.Secret(child.Token), "worker");
        await host.SendAsync(s =>
        {
            s.Post.Text($"{{\"token\":\"{refreshed.Token}\"").ToUrl("/api/agents/verify");
            s.WithRequestHeader("Content-Type", "application/json");
        });
        await host.SendAsync(s => s.Post.Json(new { reason = "done" }).ToUrl($"/api/agents/{minted.Id}/revoke"), Admin);
        await host.VerifyUntilAsync(child.Token, "worker", 401);

        var lines = logs.Lines.ToList();
        lines.Count.ShouldBeGreaterThan(20); // the capture really saw the run
        foreach (var secret in new[] { minted.Token, child.Token, refreshed.Token, key.Secret, Admin })
        {
            var body = secret[^38..]; // without the prefix, which is no secret
            lines.Where(line => line.Contains(body)).ShouldBeEmpty($"log lines hold the secret ending {secret[^4..]}");
        }
    }
}
