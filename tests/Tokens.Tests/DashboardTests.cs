using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Testing;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

/// <summary>The dashboard: seeded as a first-party client, it signs a user in without consent and manages with the user's token.</summary>
public class DashboardTests(TokensFixture fixture) : TokensContext(fixture)
{
    private const string Callback = "https://platform.test/dashboard/signin-oauth";
    private static readonly DashboardOptions Settings = new() { RedirectUris = [Callback] };

    private async Task SeedAsync(DashboardOptions? settings = null)
    {
        var seed = new DashboardClientSeed(Tokens.Services.GetRequiredService<IDocumentStore>(), Options.Create(new TokensOptions { Dashboard = settings ?? Settings }),
            TimeProvider.System, NullLogger<DashboardClientSeed>.Instance);
        await seed.SeedAsync(Ct);
        await Tokens.ReloadAsync();
    }

    private async Task<IReadOnlyList<object>> DashboardEventsAsync()
    {
        await using var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return [.. (await session.Events.FetchStreamAsync(DashboardOptions.DefaultClientId, token: Ct)).Select(e => e.Data)];
    }

    [Fact]
    public async Task seeding_twice_and_racing_makes_one_first_party_public_client()
    {
        await Task.WhenAll(SeedAsync(), SeedAsync(), SeedAsync());
        await SeedAsync();

        var registered = (await DashboardEventsAsync()).ShouldHaveSingleItem().ShouldBeOfType<OAuthClientRegistered>();
        registered.ShouldSatisfyAllConditions(
            () => registered.Type.ShouldBe(ClientType.Public),
            () => registered.SecretHash.ShouldBeNull(),
            () => registered.FirstParty.ShouldBeTrue(),
            () => registered.GrantTypes.ShouldBe([GrantTypes.AuthorizationCode, GrantTypes.RefreshToken]),
            () => registered.Scopes.ShouldBe(["keys:manage", "usage:read", "admin", "accounts:manage"]),
            () => registered.RedirectUris.ShouldBe([Callback]));
    }

    [Fact]
    public async Task a_moved_callback_reconfigures_the_client_and_no_callback_seeds_nothing()
    {
        await SeedAsync(new DashboardOptions());
        (await DashboardEventsAsync()).ShouldBeEmpty();

        await SeedAsync();
        await SeedAsync(new DashboardOptions { RedirectUris = ["http://localhost:6080/dashboard/signin-oauth"] });

        (await DashboardEventsAsync()).Last().ShouldBeOfType<OAuthClientReconfigured>().RedirectUris.ShouldBe(["http://localhost:6080/dashboard/signin-oauth"]);
    }

    [Fact]
    public async Task a_user_signs_in_without_consent_and_manages_with_the_access_token_as_themself()
    {
        var (token, refresh, userId, _) = await SignInAsync();

        var created = await Api.ManageAsync(HttpMethod.Post, "/api/clients",
            new { name = "from-dashboard", type = "confidential", grantTypes = new[] { GrantTypes.ClientCredentials }, scopes = new[] { "plans:read" } }, token);

        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        await using var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(Guid.Parse(created.Json.GetProperty("clientId").GetString()!), token: Ct);
        events[0].Data.ShouldBeOfType<OAuthClientRegistered>().Actor.ShouldBe($"user:{userId}");
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: token)).Status.ShouldBe(HttpStatusCode.OK);
        refresh.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task a_revoked_sign_in_ends_its_access_token_at_once()
    {
        var (token, refresh, _, _) = await SignInAsync();

        (await Api.PostFormAsync("/oauth/revoke", [new("token", refresh), new(OAuthParameters.ClientId, DashboardOptions.DefaultClientId.ToString())]))
            .Status.ShouldBe(HttpStatusCode.OK);

        await Wait.Until(async () => (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: token)).Status == HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_token_without_a_management_scope_is_403_and_one_for_another_resource_or_not_ours_is_401()
    {
        var (usageOnly, _, _, _) = await SignInAsync("usage:read");
        var forbidden = await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: usageOnly);
        (forbidden.Status, forbidden.Text).ShouldBe((HttpStatusCode.Forbidden, """{"statusCode":403,"error":"Forbidden","message":"Access token lacks the required scope 'keys:manage'"}"""));

        var notOurs = TestAccessTokens.ForUser(Guid.CreateVersion7(), AccountId, "admin");
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: notOurs)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var client = await Api.RegisterAsync(grants: [GrantTypes.ClientCredentials], scopes: ["admin"]);
        var mcp = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.ClientCredentials, [OAuthParameters.Scope] = "admin", [OAuthParameters.Resource] = TokensFixture.McpServer,
        }, client.ClientId.ToString(), client.ClientSecret!);
        mcp.Status.ShouldBe(HttpStatusCode.OK, mcp.Text);
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: mcp.Str("access_token"))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var platform = await Api.AccessTokenAsync(client, "admin");
        var asClient = await Api.ManageAsync(HttpMethod.Post, "/api/users", new { email = $"c-{Guid.NewGuid():N}@example.com", password = "long enough password" }, platform);
        asClient.Status.ShouldBe(HttpStatusCode.Created, asClient.Text);
    }

    [Fact]
    public async Task the_consoles_access_tokens_live_five_minutes_from_the_code_and_from_every_refresh()
    {
        var (_, refresh, _, expiresIn) = await SignInAsync();
        expiresIn.ShouldBe(300);

        var refreshed = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.RefreshToken, ["refresh_token"] = refresh, [OAuthParameters.ClientId] = DashboardOptions.DefaultClientId.ToString(),
        });
        refreshed.Status.ShouldBe(HttpStatusCode.OK, refreshed.Text);
        refreshed.Json.GetProperty("expires_in").GetInt32().ShouldBe(300);
    }

    [Fact]
    public async Task logging_out_ends_the_login_session_and_returns_only_to_the_clients_own_origin()
    {
        await SeedAsync();
        var email = $"out-{Guid.NewGuid():N}@example.com";
        const string password = "a long development password";
        (await Api.ManageAsync(HttpMethod.Post, "/api/users", new { email, password, scopes = new[] { "admin" } })).Status.ShouldBe(HttpStatusCode.Created);
        var browser = new Browser(Tokens);
        var authorize = Browser.AuthorizeUrl(DashboardOptions.DefaultClientId, Callback, Pkce.Challenge("verifier-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")), "admin");
        (await browser.LoginAsync(await browser.GetAsync(authorize), email, password)).Status.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync(authorize)).Status.ShouldBe(HttpStatusCode.Redirect, "signed in: straight back with a code");

        var elsewhere = await browser.GetAsync($"/oauth/logout?client_id={DashboardOptions.DefaultClientId}&post_logout_redirect_uri={Uri.EscapeDataString("https://evil.test/dashboard/signed-out")}");
        elsewhere.Status.ShouldBe(HttpStatusCode.BadRequest);
        elsewhere.Response.Headers.Location.ShouldBeNull();
        (await browser.GetAsync(authorize)).Text.ShouldContain("Sign in", customMessage: "signed out even when the way back is refused");

        (await browser.LoginAsync(await browser.GetAsync(authorize), email, password)).Status.ShouldBe(HttpStatusCode.Redirect);
        var back = await browser.GetAsync($"/oauth/logout?client_id={DashboardOptions.DefaultClientId}&post_logout_redirect_uri={Uri.EscapeDataString("https://platform.test/dashboard/signed-out")}");
        back.Status.ShouldBe(HttpStatusCode.Redirect);
        back.Response.Headers.Location!.ToString().ShouldBe("https://platform.test/dashboard/signed-out");
        (await browser.GetAsync(authorize)).Text.ShouldContain("Sign in");
        (await browser.GetAsync("/.well-known/oauth-authorization-server")).Json.GetProperty("end_session_endpoint").GetString().ShouldEndWith("/oauth/logout");
    }

    [Fact]
    public async Task the_first_runs_user_of_the_operator_account_gets_accounts_manage_even_before_tokens_hears_the_account_opened()
    {
        // As the first run does: the operator's admin key creates the user at once; AccountOpened may come later.
        var (token, _, _, _) = await SignInAsync("admin accounts:manage", userScopes: ["admin", "accounts:manage"]);
        await AccountNews.OpenedAsync(Tokens, AccountId, @operator: true);

        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetClaim("scope").Value.ShouldBe("admin accounts:manage");
        (await Api.ManageAsync(HttpMethod.Get, "/api/users", key: token)).Status.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Authorize → login → straight back (first party: no consent) → the code redeemed with PKCE.</summary>
    private async Task<(string Token, string Refresh, Guid UserId, int ExpiresIn)> SignInAsync(string scope = "admin usage:read", string[]? userScopes = null)
    {
        await SeedAsync();
        var email = $"dev-{Guid.NewGuid():N}@example.com";
        const string password = "a long development password";
        var user = await Api.ManageAsync(HttpMethod.Post, "/api/users", new { email, password, scopes = userScopes ?? ["admin", "usage:read"] });
        user.Status.ShouldBe(HttpStatusCode.Created, user.Text);

        var browser = new Browser(Tokens);
        var verifier = "verifier-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var login = await browser.GetAsync(Browser.AuthorizeUrl(DashboardOptions.DefaultClientId, Callback, Pkce.Challenge(verifier), scope));
        var afterLogin = await browser.LoginAsync(login, email, password);
        afterLogin.Status.ShouldBe(HttpStatusCode.Redirect, afterLogin.Text);
        var back = await browser.GetAsync(afterLogin.Response.Headers.Location!.ToString());
        var code = Browser.Callback(back, Callback)["code"];

        var token = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.AuthorizationCode, [OAuthParameters.Code] = code, [OAuthParameters.RedirectUri] = Callback,
            [OAuthParameters.CodeVerifier] = verifier, [OAuthParameters.ClientId] = DashboardOptions.DefaultClientId.ToString(),
        });
        token.Status.ShouldBe(HttpStatusCode.OK, token.Text);
        return (token.Str("access_token"), token.Str("refresh_token"), user.Json.GetProperty("userId").GetGuid(), token.Json.GetProperty("expires_in").GetInt32());
    }
}
