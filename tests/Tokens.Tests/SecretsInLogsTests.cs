using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Keys.ApiKeys;
using Platform.Testing;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

/// <summary>Every log line of every grant and its error paths, and of password changes: no client secret, code, token, password or key in any.</summary>
public class SecretsInLogsTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task no_secret_is_logged_through_every_grant_and_its_failures()
    {
        var logs = new CapturingLoggerProvider();
        await using var tokens = await TokensFixture.StartTokensAsync(Keys, web => web.ConfigureLogging(logging =>
        {
            logging.AddProvider(logs);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        }));
        var api = new OAuthClientApi(tokens, Admin);
        var machine = await api.RegisterAsync();
        var access = await api.AccessTokenAsync(machine);
        await api.ClientCredentialsAsync(machine with { ClientSecret = Tampered.Secret(machine.ClientSecret!) });
        var rotated = await api.ManageAsync(HttpMethod.Post, $"/api/clients/{machine.ClientId}/rotate-secret", new { });
        var key = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("exchanged", "live", ["plans:read"], null));
        await api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.TokenExchange, [OAuthParameters.SubjectToken] = key.Secret, [OAuthParameters.SubjectTokenType] = TokenTypes.ApiKey,
        });
        var flow = await CodeFlow.StartAsync(api);
        var browser = new Browser(tokens);
        var login = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));
        await browser.LoginAsync(login, flow.Email, "a wrong password guess");
        var callback = await flow.SignInAsync(browser);
        var signedIn = await flow.RedeemAsync(callback["code"]);
        signedIn.Status.ShouldBe(System.Net.HttpStatusCode.OK, signedIn.Text);
        var refreshed = await flow.RefreshAsync(signedIn.Str("refresh_token"));
        refreshed.Status.ShouldBe(System.Net.HttpStatusCode.OK, refreshed.Text);
        await api.IntrospectAsync(access, machine);
        await api.PostFormAsync("/oauth/revoke", [new("token", refreshed.Str("refresh_token"))], flow.Client.ClientId.ToString(), flow.Client.ClientSecret!);
        await flow.RedeemAsync(callback["code"]); // a replay: refused, and logged without the code
        var person = await CodeFlow.StartAsync(api, clientScopes: ["admin"], userScopes: ["admin"]);
        var personBrowser = new Browser(tokens);
        var personToken = (await person.RedeemAsync((await person.SignInAsync(personBrowser, scope: "admin"))["code"])).Str("access_token");
        await api.ManageAsync(HttpMethod.Post, "/api/users/me/password", new { currentPassword = "a wrong current password", newPassword = "an api chosen password" }, personToken);
        (await api.ManageAsync(HttpMethod.Post, "/api/users/me/password", new { currentPassword = person.Password, newPassword = "an api chosen password" }, personToken))
            .Status.ShouldBe(System.Net.HttpStatusCode.NoContent);
        var personId = (await api.ManageAsync(HttpMethod.Get, "/api/users/me", key: personToken)).Json.GetProperty("userId").GetGuid();
        await api.ManageAsync(HttpMethod.Post, $"/api/users/{personId}/require-password-change");
        var changeForm = await personBrowser.LoginAsync(
            await personBrowser.GetAsync(Browser.AuthorizeUrl(person.Client.ClientId, CodeFlow.RedirectUri, person.Challenge, "admin")), person.Email, "an api chosen password");
        (await personBrowser.ChangePasswordAsync(changeForm, "a page chosen password", "a page chosen password")).Status.ShouldBe(System.Net.HttpStatusCode.Redirect);

        logs.Lines.Count.ShouldBeGreaterThan(20); // the capture really saw the run
        string[] secrets =
        [
            machine.ClientSecret!, rotated.Str("clientSecret"), flow.Client.ClientSecret!, key.Secret, Admin, callback["code"], flow.Verifier, flow.Password,
            "a wrong password guess", signedIn.Str("refresh_token"), refreshed.Str("refresh_token"), access.Split('.')[2], signedIn.Str("access_token").Split('.')[2],
            "a wrong current password", "an api chosen password", "a page chosen password", Browser.Field(changeForm, "ticket"), personToken.Split('.')[2],
        ];
        foreach (var secret in secrets) logs.Holding(secret).ShouldBeEmpty($"log lines hold a secret ending {secret[^4..]}");
    }
}
