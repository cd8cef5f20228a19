using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The console for a person who lives in it: a new team's empty pages say what each thing is and how to make the
/// first one; keys, clients and agent credentials are found by typing; dates read as dates; and every page is kept
/// as a screenshot at desktop and phone width.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class ConsoleGuidanceTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DashboardBrowser browser = null!;
    private HttpClient Gateway => platform.Gateway;

    public async ValueTask InitializeAsync() => browser = await DashboardBrowser.LaunchAsync();

    public async ValueTask DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task a_new_teams_person_sees_their_email_and_each_empty_page_explains_itself_with_its_first_action()
    {
        var (adminKey, email) = await NewTeamAsync();
        var page = await browser.SignInAsync(Gateway.BaseAddress!, email, Password);
        await Expect(page.Locator(".who")).ToContainTextAsync(email);

        foreach (var (link, title, action, call) in new[]
        {
            ("OAuth clients", "No OAuth clients yet", "Register your first client", "/api/clients"),
            ("Agent credentials", "No active agent credentials", "Create a credential", "/api/agents"),
            ("Webhooks", "No webhook endpoints yet", "Add your first endpoint", "/api/webhooks"),
        })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            var empty = page.GetByTestId("empty-state");
            await Expect(empty.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
            await Expect(empty.GetByRole(AriaRole.Button, new() { Name = action }).Or(empty.GetByRole(AriaRole.Link, new() { Name = action }))).ToBeVisibleAsync();
            // The same first step for a terminal: this platform's address, and no secret of anyone's.
            var command = await empty.GetByTestId("empty-command").InnerTextAsync();
            command.ShouldStartWith("curl ");
            command.ShouldContain(Gateway.BaseAddress!.ToString().TrimEnd('/') + call);
            command.ShouldNotContain(adminKey);
        }

        // The first action works from where it is offered.
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add your first endpoint" }).ClickAsync();
        await Expect(page.Locator("#hook-url")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task keys_clients_and_credentials_are_found_by_typing_and_dates_read_as_dates()
    {
        var (adminKey, email) = await NewTeamAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await IssueKeyAsync(adminKey, $"billing-{suffix}", DateTimeOffset.UtcNow.AddDays(400));
        await IssueKeyAsync(adminKey, $"reports-{suffix}", null);
        var page = await browser.SignInAsync(Gateway.BaseAddress!, email, Password);

        var rows = page.Locator("table.keys tbody tr");
        await Expect(rows).ToHaveCountAsync(3); // the team's admin key and the two above
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("BILLING");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync($"billing-{suffix}");
        // 400 days ahead reads in months, with the exact date on hover: never a raw count of days.
        var expires = rows.First.Locator("td[data-label=Expires]");
        await Expect(expires).ToHaveTextAsync(new Regex(@"^\s*in 13 months\s*$"));
        (await expires.GetAttributeAsync("title") ?? "").ShouldMatch(@"^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("no key is called this");
        await Expect(page.GetByTestId("no-match")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear them" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);

        await RegisterClientAsync(adminKey, $"Nightly Export {suffix}");
        await RegisterClientAsync(adminKey, $"dashboards {suffix}");
        await page.GetByRole(AriaRole.Link, new() { Name = "OAuth clients", Exact = true }).ClickAsync();
        var clients = page.Locator("tbody tr");
        await Expect(clients).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search" }).FillAsync("nightly");
        await Expect(clients).ToHaveCountAsync(1);
        await Expect(clients.First).ToContainTextAsync($"Nightly Export {suffix}");
    }

    [Fact]
    public async Task a_webhook_is_tested_retried_rotated_with_an_overlap_disabled_enabled_and_deleted_from_its_card()
    {
        var (adminKey, email) = await NewTeamAsync();
        var page = await browser.SignInAsync(Gateway.BaseAddress!, email, Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add your first endpoint" }).ClickAsync();
        // An address of the documentation range: public to the SSRF guard, and nothing answers there.
        await page.FillAsync("#hook-url", "https://203.0.113.10/rotating");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        var first = await page.Locator("#secret-value").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        var hook = page.GetByTestId("webhook");

        // A delivery that fails, with its status and a retry.
        await Eventually.ValueAsync(async () =>
        {
            await hook.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
            return await hook.Locator("tbody tr").CountAsync();
        }, count => count > 0, TimeSpan.FromSeconds(45));
        await Expect(hook.Locator("tbody tr").First).ToContainTextAsync("WebhookTest");
        await hook.GetByRole(AriaRole.Button, new() { Name = "Retry now" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        // Rotation with an hour's overlap: the new secret once, and the old one's end on the card.
        await hook.GetByRole(AriaRole.Button, new() { Name = "Rotate secret…" }).ClickAsync();
        await page.SelectOptionAsync("#rotate-overlap", "3600");
        await hook.GetByRole(AriaRole.Button, new() { Name = "Rotate", Exact = true }).ClickAsync();
        (await page.Locator("#secret-value").InputValueAsync()).ShouldNotBe(first);
        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Expect(hook.GetByTestId("secret-overlap")).ToContainTextAsync("also signs until");

        await hook.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(hook.GetByTestId("webhook-status")).ToHaveTextAsync("disabled");
        await Expect(hook.GetByRole(AriaRole.Button, new() { Name = "Send test event" })).ToBeDisabledAsync();
        await hook.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Expect(hook.GetByTestId("webhook-status")).ToHaveTextAsync("enabled");

        await hook.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete permanently" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No webhook endpoints yet" })).ToBeVisibleAsync();
        (await GetAsync("/api/webhooks", adminKey)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task usage_shows_allowed_and_refused_requests_live_for_a_key_the_account_and_an_agent_credential()
    {
        var (adminKey, email) = await NewTeamAsync();
        var name = $"charted-{Guid.NewGuid():N}"[..16];
        var key = await SendAsync(HttpMethod.Post, "/api/keys", adminKey, new { name, environment = "test", scopes = new[] { "models:read" } });
        var (keyId, secret) = (key.GetProperty("id").GetGuid(), key.GetProperty("secret").GetString()!);
        var page = await browser.SignInAsync(Gateway.BaseAddress!, email, Password);

        // The key's chart, open before any request: each verification appears without a reload, refusals by reason.
        await page.GotoAsync($"dashboard/usage/{keyId}");
        await Expect(page.GetByTestId("usage-total")).ToHaveTextAsync("0");
        (await VerifyAsync(secret, "models:read")).ShouldBe(HttpStatusCode.OK);
        (await VerifyAsync(secret, "models:read")).ShouldBe(HttpStatusCode.OK);
        (await VerifyAsync(secret, "chat:completions")).ShouldBe(HttpStatusCode.Forbidden);
        await Expect(page.GetByTestId("usage-total")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("usage-refused")).ToHaveTextAsync("1", new() { Timeout = 60_000 });
        // The current minute's bar, pointed at: its figures in words.
        await page.Locator("[data-testid=usage-chart] g.bar").Last.HoverAsync();
        await Expect(page.GetByTestId("chart-hover")).ToContainTextAsync("2 allowed, 1 refused (1 scope denied)");
        await DashboardBrowser.ScreenshotAsync(page, "usage-key-allowed-refused");

        // The account: the same totals, and the key by name in the breakdown.
        await page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("usage-by-key")).ToContainTextAsync(name);
        await Expect(page.GetByTestId("account-refused")).Not.ToHaveTextAsync("0");
        await DashboardBrowser.ScreenshotAsync(page, "usage-account");

        // An agent credential acting for the key: allowed and refused (another agent presenting it), live.
        var minted = await SendAsync(HttpMethod.Post, "/api/agents", secret, new { agentId = "chart-agent", scopes = new[] { "models:read" } });
        var (credentialId, token) = (minted.GetProperty("id").GetGuid(), minted.GetProperty("token").GetString()!);
        await page.GotoAsync($"dashboard/agents/{credentialId}/usage");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Usage of “chart-agent”" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("usage-total")).ToHaveTextAsync("0");
        (await AgentVerifyAsync(token, "chart-agent")).ShouldBe(HttpStatusCode.OK);
        (await AgentVerifyAsync(token, "someone-else")).ShouldNotBe(HttpStatusCode.OK);
        await Expect(page.GetByTestId("usage-total")).ToHaveTextAsync("1", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("usage-refused")).ToHaveTextAsync("1", new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task every_page_is_kept_as_a_screenshot_at_desktop_and_phone_width_and_none_scrolls_sideways_on_a_phone()
    {
        var (_, email) = await NewTeamAsync();
        foreach (var (width, height, suffix) in new[] { (1280, 900, "desktop"), (390, 844, "phone") })
        {
            var page = await browser.SignInAsync(Gateway.BaseAddress!, email, Password, width, height);
            foreach (var path in new[] { "keys", "keys/new", "usage", "clients", "agents", "audit", "webhooks", "people" })
            {
                await page.GotoAsync($"dashboard/{path}");
                await Expect(page.Locator("main h1")).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
                overflow.ShouldBeFalse($"{path} scrolls sideways at {width} px");
                await DashboardBrowser.ScreenshotAsync(page, $"{path.Replace('/', '-')}-{suffix}");
            }
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A team of its own (opened by the operator) and a person of it with admin, so its pages start empty.</summary>
    private async Task<(string AdminKey, string Email)> NewTeamAsync()
    {
        var opened = await SendAsync(HttpMethod.Post, "/api/accounts", platform.AdminKey, new { name = $"team-{Guid.NewGuid():N}"[..17] });
        var adminKey = opened.GetProperty("adminKey").GetProperty("secret").GetString()!;
        var email = $"guided-{Guid.NewGuid():N}@example.com";
        await SendAsync(HttpMethod.Post, "/api/users", adminKey, new { email, password = Password, scopes = new[] { "admin" } });
        return (adminKey, email);
    }

    private Task IssueKeyAsync(string adminKey, string name, DateTimeOffset? expiresAt) =>
        SendAsync(HttpMethod.Post, "/api/keys", adminKey, new { name, environment = "test", scopes = new[] { "models:read" }, expiresAt });

    private Task RegisterClientAsync(string adminKey, string name) =>
        SendAsync(HttpMethod.Post, "/api/clients", adminKey, new { name, type = "confidential", grantTypes = new[] { "client_credentials" }, scopes = new[] { "models:read" } });

    private async Task<HttpStatusCode> VerifyAsync(string secret, string scope)
    {
        using var response = await Gateway.PostAsJsonAsync("/api/keys/verify", new { key = secret, scopes = new[] { scope } }, Ct);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> AgentVerifyAsync(string token, string agentId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents/verify") { Content = JsonContent.Create(new { scopes = new[] { "models:read" } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Agent-ID", agentId);
        using var response = await Gateway.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private async Task<JsonElement> GetAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Gateway.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Gateway.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
