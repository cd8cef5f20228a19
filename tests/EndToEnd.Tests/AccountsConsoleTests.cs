using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The operators' section of the console in a real browser: the development user (of the operator account) opens a
/// team's account, reads its admin key once, suspends and reinstates it, and the key follows; a team's person sees
/// no such section.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class AccountsConsoleTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DashboardBrowser browser = null!;
    private HttpClient Gateway => platform.Gateway;

    public async ValueTask InitializeAsync() => browser = await DashboardBrowser.LaunchAsync();

    public async ValueTask DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task an_operator_opens_an_account_reads_its_admin_key_once_and_suspending_and_reinstating_it_stops_and_restores_the_key()
    {
        var page = await browser.SignInAsync(Gateway.BaseAddress!, platform.DevUser.Email, platform.DevUser.Password);
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync("development");
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Exact = true })).ToBeVisibleAsync();
        await Expect(Row(page, "development")).ToContainTextAsync("The operators' own account");

        // Open: the name, then the admin key once, focused, with a copy button and the warning.
        await page.GetByRole(AriaRole.Button, new() { Name = "Open account" }).ClickAsync();
        await Expect(page.Locator("#account-name")).ToBeFocusedAsync();
        var team = $"team-{Guid.NewGuid():N}"[..17];
        await page.Keyboard.TypeAsync(team);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open account" }).ClickAsync();
        var secretField = page.Locator("#secret-value");
        await Expect(secretField).ToHaveValueAsync(new Regex("^sk_live_[A-Za-z0-9]+$"));
        await Expect(secretField).ToBeFocusedAsync();
        await Expect(page.GetByText("it is shown only once")).ToBeVisibleAsync();
        var adminKey = await secretField.InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        (await KeysAsync(adminKey)).ShouldBe(HttpStatusCode.OK, "the new account's admin key manages its keys");

        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        var row = Row(page, team);
        await Expect(row).ToContainTextAsync("active");
        await Expect(secretField).ToHaveCountAsync(0);
        (await page.ContentAsync()).ShouldNotContain(adminKey, customMessage: "the admin key is shown once, never in the list");

        // Suspend: a confirmation that says what stops, and a reason; nothing is sent without one.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Suspend {team}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog, new() { Name = $"Suspend “{team}”?" });
        await Expect(confirm).ToContainTextAsync("Every API key, access token and agent credential of this team stops");
        await Expect(page.Locator("#suspend-reason")).ToBeFocusedAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Suspend account" }).ClickAsync();
        await Expect(confirm).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("active");
        await page.FillAsync("#suspend-reason", "unpaid invoices (browser test)");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Suspend account" }).ClickAsync();
        await Expect(row).ToContainTextAsync("suspended");
        await Expect(row).ToContainTextAsync("unpaid invoices (browser test)");
        await Expect(confirm).ToHaveCountAsync(0);
        await Eventually.ValueAsync(() => KeysAsync(adminKey), status => status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(15));

        // The status filter: the account is among the suspended ones only.
        await page.SelectOptionAsync("#account-status", "active");
        await Expect(row).ToHaveCountAsync(0);
        await Expect(Row(page, "development")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#account-status", "suspended");
        await Expect(row).ToContainTextAsync("suspended");
        await DashboardBrowser.ScreenshotAsync(page, "accounts-page");

        // Reinstate: the admin key works again.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Reinstate {team}" }).ClickAsync();
        await Expect(row).ToContainTextAsync("active");
        await Eventually.ValueAsync(() => KeysAsync(adminKey), status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(15));

        // At phone width nothing scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        await page.SelectOptionAsync("#account-status", "");
        await Expect(Row(page, team)).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1")).ShouldBeFalse("nothing scrolls sideways at phone width");
        await DashboardBrowser.ScreenshotAsync(page, "accounts-page-phone");
        platform.Output.Text.ShouldNotContain(adminKey);
    }

    [Fact]
    public async Task a_person_of_a_team_sees_no_accounts_section_and_the_page_says_it_is_for_operators()
    {
        var team = $"crew-{Guid.NewGuid():N}"[..17];
        var adminKey = await OpenAccountAsync(team);
        var email = $"member-{Guid.NewGuid():N}@example.com";
        using (var add = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { email, password = Password, scopes = new[] { "admin" } }) })
        {
            add.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            using var added = await Gateway.SendAsync(add, Ct);
            added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Ct));
        }

        var page = await browser.SignInAsync(Gateway.BaseAddress!, email, Password);
        await Expect(page.GetByTestId("account-name")).ToHaveTextAsync(team);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "People" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true })).ToHaveCountAsync(0);

        await page.GotoAsync("dashboard/accounts");
        await Expect(page.GetByTestId("operators-only")).ToContainTextAsync("Only operators manage accounts");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Exact = true })).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Open account" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        // Nor is the operators' scope offered for a key of the team.
        await page.GotoAsync("dashboard/keys/new");
        await Expect(page.Locator("#create-scope-models-read")).ToBeVisibleAsync();
        await Expect(page.Locator("#create-scope-accounts-manage")).ToHaveCountAsync(0);
    }

    private static ILocator Row(IPage page, string name) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name }) });

    /// <summary>What the operator's API does for the console: a team's account, and its admin key.</summary>
    private async Task<string> OpenAccountAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform.AdminKey);
        using var response = await Gateway.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("adminKey").GetProperty("secret").GetString()!;
    }

    private async Task<HttpStatusCode> KeysAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/keys");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Gateway.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
