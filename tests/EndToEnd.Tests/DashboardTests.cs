using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The console in a real browser, through the gateway, signed in through Tokens' own login page:
/// what a person does with a key from its creation to its revocation, and what the audit log shows.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class DashboardTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DashboardBrowser browser = null!;
    private HttpClient Gateway => platform.Gateway;

    public async ValueTask InitializeAsync() => browser = await DashboardBrowser.LaunchAsync();

    public async ValueTask DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task a_person_signs_in_creates_a_key_uses_it_rotates_and_revokes_it_and_sees_each_step_in_the_timeline()
    {
        var page = await SignInAsync(await CreateUserAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();

        // Create: name, environment, scopes as checkboxes; the secret is shown once, with a copy button.
        await page.GetByRole(AriaRole.Link, new() { Name = "Create new key" }).ClickAsync();
        var name = $"browser-{Guid.NewGuid():N}"[..20];
        await page.FillAsync("#key-name", name);
        await page.CheckAsync("#create-scope-models-read");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var secretField = page.Locator("#secret-value");
        await Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^sk_live_[A-Za-z0-9]+$"));
        var secret = await secretField.InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();

        (await ModelsAsync(secret)).ShouldBe(HttpStatusCode.OK);

        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        (await page.ContentAsync()).ShouldNotContain(secret, customMessage: "the secret is shown once, never on the key's page");

        // Usage: the chart updates by itself once Keys has flushed the request counted above.
        await Expect(page.GetByTestId("usage-total")).Not.ToHaveTextAsync("0", new() { Timeout = 60_000 });
        await DashboardBrowser.ScreenshotAsync(page, "usage-chart");

        // Rotate with an hour's overlap: the new secret once, and when the old key stops.
        await page.SelectOptionAsync("#overlap", "3600");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync();
        await Expect(page.GetByTestId("overlap-note")).ToContainTextAsync("keeps working until");
        var rotated = await page.Locator("#secret-value").InputValueAsync();
        rotated.ShouldNotBe(secret);
        (await ModelsAsync(rotated)).ShouldBe(HttpStatusCode.OK);
        (await ModelsAsync(secret)).ShouldBe(HttpStatusCode.OK, "the old key works during the overlap");
        await Expect(page.GetByTestId("rotation-overlap")).ToContainTextAsync("stops at");
        var oldKeyUrl = page.Url;

        // Revoke the old key, with a confirmation and a reason; the sample API refuses it at once.
        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await Expect(page.GetByText("Previous key still works")).ToBeVisibleAsync();
        await page.GotoAsync(oldKeyUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key…" }).ClickAsync();
        await page.FillAsync("#revoke-reason", "rotated out in a browser test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke permanently" }).ClickAsync();
        await Expect(page.GetByTestId("key-status")).ToHaveTextAsync("revoked");
        await Eventually.ValueAsync(() => ModelsAsync(secret), status => status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10));
        (await ModelsAsync(rotated)).ShouldBe(HttpStatusCode.OK);

        // The timeline: every step, by this person, and the state as of the first one.
        var timeline = page.GetByTestId("timeline");
        await Eventually.ValueAsync(async () =>
        {
            await page.GotoAsync(oldKeyUrl);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
            await page.WaitForSelectorAsync("[data-testid=timeline], .timeline p");
            return await timeline.CountAsync() == 1 ? await timeline.InnerTextAsync() : "";
        }, text => text.Contains("KeyRevoked"), TimeSpan.FromSeconds(30));
        var entries = await timeline.InnerTextAsync();
        entries.ShouldContain("KeyIssued");
        entries.ShouldContain("KeyRotated");
        entries.ShouldContain("user:");
        await Expect(page.GetByTestId("as-of-state")).ToContainTextAsync("revoked");
        await timeline.GetByRole(AriaRole.Button, new() { Name = "KeyIssued" }).ClickAsync();
        await Expect(page.GetByTestId("as-of-state")).ToContainTextAsync("active");
        await Expect(page.GetByTestId("as-of-state")).Not.ToContainTextAsync("Revoked");

        await page.GotoAsync("dashboard/keys");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name }).First).ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "keys-page");
    }

    [Fact]
    public async Task a_form_is_checked_before_anything_is_sent_and_an_api_refusal_reads_as_a_sentence()
    {
        var page = await SignInAsync(await CreateUserAsync());
        await page.GotoAsync("dashboard/keys/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.GetByText("Give the key a name").First).ToBeVisibleAsync();
        await Expect(page.Locator("#secret-value")).ToHaveCountAsync(0);

        await page.FillAsync("#key-name", "half a rate limit");
        await page.FillAsync("#key-limit", "10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs both a number of requests and a window");

        // A key that does not exist: the API's 404 as a readable message, not an exception page.
        await page.GotoAsync($"dashboard/keys/{Guid.NewGuid()}");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not found");
    }

    [Fact]
    public async Task the_console_fits_a_phone_keeps_tokens_off_the_browser_and_signing_out_revokes_the_session()
    {
        var page = await SignInAsync(await CreateUserAsync(), width: 390, height: 844);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        overflow.ShouldBeFalse("nothing scrolls sideways at phone width");
        await DashboardBrowser.ScreenshotAsync(page, "keys-page-phone");

        var cookies = await page.Context.CookiesAsync();
        cookies.ShouldAllBe(c => !c.Value.Contains("eyJ"), "no JWT in a cookie");
        cookies.Where(c => c.Name == "platform_dashboard").ShouldHaveSingleItem().HttpOnly.ShouldBeTrue();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are signed out" })).ToBeVisibleAsync();
        await page.GotoAsync("dashboard/keys");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    private async Task<IPage> SignInAsync(string email, int width = 1280, int height = 900)
    {
        var page = await browser.OpenAsync(Gateway.BaseAddress!, width, height);
        // Tokens' own login page: the console has no login of its own. Its first-party client skips consent.
        await page.GotoAsync("dashboard/");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync("**/dashboard/**");
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            await DashboardBrowser.ScreenshotAsync(page, "sign-in-failed");
            throw new InvalidOperationException($"sign-in did not reach the console: at {page.Url}: {(await page.InnerTextAsync("body"))[..Math.Min(600, (await page.InnerTextAsync("body")).Length)]}", e);
        }
        return page;
    }

    private async Task<string> CreateUserAsync()
    {
        var email = $"console-{Guid.NewGuid():N}@example.com";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { email, password = Password, scopes = new[] { "admin" } }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.AdminKey);
        using var response = await Gateway.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return email;
    }

    private async Task<HttpStatusCode> ModelsAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Gateway.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
