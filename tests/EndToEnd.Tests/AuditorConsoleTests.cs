using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A read-only auditor (audit:read, no keys:manage) in the console: answers what a key could do at an instant, who
/// changed it and whether it was used after revocation, sees its chain verified and downloads its history.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class AuditorConsoleTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DashboardBrowser browser = null!;
    private HttpClient Gateway => platform.Gateway;

    public async ValueTask InitializeAsync() => browser = await DashboardBrowser.LaunchAsync();

    public async ValueTask DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task an_auditor_without_keys_manage_answers_the_three_questions_about_a_key_and_exports_its_history()
    {
        var name = $"audited-{Guid.NewGuid():N}"[..20];
        var key = await SendAsync(HttpMethod.Post, "/api/keys", new { name, environment = "live", scopes = new[] { "models:read" } });
        var keyId = key.GetProperty("id").GetGuid();
        await SendAsync(HttpMethod.Post, $"/api/keys/{keyId}/revoke", new { reason = "audited in a browser test" }, HttpStatusCode.OK);
        var auditor = $"auditor-{Guid.NewGuid():N}@example.com";
        await SendAsync(HttpMethod.Post, "/api/users", new { email = auditor, password = Password, scopes = new[] { "audit:read" } });

        var page = await browser.SignInAsync(Gateway.BaseAddress!, auditor, Password);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "People" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "OAuth clients" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create new key" })).ToHaveCountAsync(0);

        // From the keys list, by name, to the key's audit.
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync(name);
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Audit of “{name}”" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("key-chain")).ToContainTextAsync("Intact");

        // Who changed it (by name), and whether it was used after its revocation.
        var timeline = page.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("KeyRevoked", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("use-after-revocation")).ToContainTextAsync("Not used after its revocation");
        await Expect(page.GetByTestId("as-of-state")).ToContainTextAsync("revoked");
        // What it could do at an instant: as of its issue, active with its scope.
        await timeline.GetByRole(AriaRole.Button, new() { Name = "KeyIssued" }).ClickAsync();
        await Expect(page.GetByTestId("as-of-state")).ToContainTextAsync("active");
        await Expect(page.GetByTestId("as-of-state")).ToContainTextAsync("models:read");
        await DashboardBrowser.ScreenshotAsync(page, "auditor-key");

        // One click: the history as JSON Lines, every line a chained entry of this key.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export").ClickAsync());
        download.SuggestedFilename.ShouldBe($"audit-{keyId}.jsonl");
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync(), Ct)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => l.GetProperty("eventType").GetString()).ShouldContain("KeyRevoked");
        lines.ShouldAllBe(l => l.GetProperty("subjectId").GetGuid() == keyId && l.GetProperty("hash").GetString()!.Length > 0);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.AdminKey);
        using var response = await Gateway.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
