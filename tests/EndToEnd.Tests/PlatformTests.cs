using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(PlatformCollection))]
public class PlatformTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("keys-api")]
    [InlineData("tokens-api")]
    [InlineData("agents-api")]
    [InlineData("audit-api")]
    public async Task every_service_answers_healthy_through_the_gateway(string service)
    {
        (await platform.Gateway.GetStringAsync($"/{service}/health", Ct)).ShouldBe("Healthy");
        (await platform.Gateway.GetStringAsync($"/{service}/openapi/v1.json", Ct)).ShouldContain("\"openapi\"");
        (await platform.Gateway.GetStringAsync($"/{service}/scalar/", Ct)).ShouldContain("API reference");
    }

    [Fact]
    public async Task a_key_issued_through_the_gateway_arrives_in_the_audit_log()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Content = JsonContent.Create(new { name = "my-ai-agent-prod", environment = "live", scopes = new[] { "insights:read", "plans:read" } }),
            Headers = { Authorization = new("Bearer", platform.AdminKey) },
        };
        var create = await platform.Gateway.SendAsync(request, Ct);
        create.StatusCode.ShouldBe(HttpStatusCode.Created);
        var key = await create.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = key.GetProperty("id").GetGuid();
        key.GetProperty("secret").GetString().ShouldStartWith("sk_live_");

        // Generous bound: asserts delivery across services, not speed (bench/ measures latency).
        var entries = await Eventually.ValueAsync(async () =>
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/audit/events?subject={id}") { Headers = { Authorization = new("Bearer", platform.AdminKey) } };
            var page = await (await platform.Gateway.SendAsync(read, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
            return page.GetProperty("items").EnumerateArray().ToList();
        }, found => found.Count > 0, TimeSpan.FromSeconds(30));

        entries.ShouldHaveSingleItem().GetProperty("eventType").GetString().ShouldBe("KeyIssued");
    }

    [Fact]
    public async Task the_first_run_hands_out_a_working_admin_key_and_management_refuses_anyone_without_one()
    {
        var verified = await platform.Gateway.PostAsJsonAsync("/api/keys/verify", new { key = platform.AdminKey, scopes = new[] { "keys:manage" } }, Ct);
        verified.StatusCode.ShouldBe(HttpStatusCode.OK);

        var anonymous = await platform.Gateway.GetAsync("/api/keys", Ct);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"statusCode":401,"error":"Unauthorized","message":"API key is missing"}""");
    }

    [Fact]
    public async Task the_gateway_answers_its_own_health_and_unknown_routes_with_404()
    {
        (await platform.Gateway.GetStringAsync("/health", Ct)).ShouldBe("Healthy");
        (await platform.Gateway.GetAsync("/no/such/route", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("keys-api", "Platform.Keys.dll")]
    [InlineData("tokens-api", "Platform.Tokens.dll")]
    [InlineData("audit-api", "Platform.Audit.dll")]
    [InlineData("gateway", "Platform.Gateway.dll")]
    public void a_service_runs_from_its_built_assembly_without_evaluating_its_project_at_start(string service, string assembly)
    {
        // `dotnet run` (Aspire's default) would show here as the service's parent, its own process the project's apphost.
        var pid = platform.App.Replicas(service)[0].ProcessId ?? throw new InvalidOperationException($"{service} has no process");
        var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Path.GetFileNameWithoutExtension(arguments[0]).ShouldBe("dotnet");
        Path.GetFileName(arguments[1]).ShouldBe(assembly);
        File.Exists(arguments[1]).ShouldBeTrue();
    }

    [Fact]
    public async Task a_killed_service_is_restarted_and_becomes_healthy_again()
    {
        var before = platform.App.Replicas("audit-api")[0].ProcessId ?? throw new InvalidOperationException("audit-api has no process");

        // Process.Kill is SIGKILL on Unix: no graceful shutdown, as in a crash.
        using (var process = System.Diagnostics.Process.GetProcessById(before)) process.Kill();

        await Eventually.ValueAsync(() => Task.FromResult(platform.App.Replicas("audit-api")[0]),
            replica => replica.ProcessId is { } pid && pid != before, TimeSpan.FromSeconds(120));
        // The snapshot's health can still be the killed process's: what counts is the new one answering through
        // the gateway (and the tests after this one need it up).
        await Eventually.ValueAsync(async () =>
            {
                using var health = await platform.Gateway.GetAsync("/audit-api/health", Ct);
                return health.IsSuccessStatusCode ? await health.Content.ReadAsStringAsync(Ct) : $"{(int)health.StatusCode}";
            },
            answer => answer == "Healthy", TimeSpan.FromSeconds(120));
        platform.App.Replicas("audit-api")[0].ProcessId.ShouldNotBe(before);
    }
}
