using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys.ApiKeys;
using Platform.Tokens.Accounts;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

/// <summary>
/// While Keys says an account is suspended, Tokens issues it nothing and refuses what it issued; reinstatement
/// brings back what is still unexpired. Keys' events and signal are sent here by hand: the account's keys stay live
/// in Keys, so only Tokens' own knowledge of the account can be what refuses.
/// </summary>
public class AccountSuspensionTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task a_suspended_accounts_client_credentials_and_refresh_are_refused_and_reinstatement_restores_them()
    {
        var client = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client);
        var flow = await CodeFlow.StartAsync(Api);
        var signedIn = await flow.RedeemAsync((await flow.SignInAsync(new Browser(Tokens)))["code"]);
        signedIn.Status.ShouldBe(HttpStatusCode.OK, signedIn.Text);
        var refreshToken = signedIn.Str("refresh_token");

        await AccountNews.SuspendedAsync(Tokens, AccountId, version: 2);

        ShouldBeSuspended(await Api.ClientCredentialsAsync(client));
        ShouldBeSuspended(await flow.RefreshAsync(refreshToken));
        var simcel = await Api.ClientCredentialsAsync(client, path: "/api/oauth/v1/token");
        (simcel.Status, simcel.Text).ShouldBe((HttpStatusCode.BadRequest, """{"statusCode":400,"error":"Bad Request","message":"the account is suspended"}"""));
        (await ActiveAsync(token, client)).ShouldBeFalse();
        (await ActiveAsync(signedIn.Str("access_token"), client)).ShouldBeFalse();
        (await ActiveAsync(refreshToken, client)).ShouldBeFalse();

        await AccountNews.ReinstatedAsync(Tokens, AccountId, version: 3);

        (await Api.ClientCredentialsAsync(client)).Status.ShouldBe(HttpStatusCode.OK);
        (await ActiveAsync(token, client)).ShouldBeTrue("issued before the suspension and unexpired: it works again");
        (await ActiveAsync(refreshToken, client)).ShouldBeTrue("the refusal did not rotate the sign-in");
        (await flow.RefreshAsync(refreshToken)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_suspended_accounts_api_keys_are_exchanged_for_nothing_in_either_dialect()
    {
        var key = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("exchange", "live", ["plans:read"], null));
        await AccountNews.SuspendedAsync(Tokens, AccountId, version: 2);

        var simcel = await Answer.From(await Api.Http.PostAsJsonAsync("/api/auth/v1/token", new { apiKey = key.Secret }, Ct));
        (simcel.Status, simcel.Text).ShouldBe((HttpStatusCode.Unauthorized, """{"statusCode":401,"error":"Unauthorized","message":"API key's account is suspended"}"""));
        var exchange = await ExchangeAsync(key.Secret);
        (exchange.Status, exchange.Str("error"), exchange.Str("error_description")).ShouldBe((HttpStatusCode.BadRequest, OAuthErrors.InvalidGrant, "API key's account is suspended"));

        await AccountNews.ReinstatedAsync(Tokens, AccountId, version: 3);
        (await ExchangeAsync(key.Secret)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_user_of_a_suspended_account_cannot_sign_in_and_one_signed_in_is_sent_back_with_access_denied()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var signingIn = new Browser(Tokens);
        var login = await signingIn.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));
        var signedIn = new Browser(Tokens);
        var code = (await flow.SignInAsync(signedIn))["code"];

        await AccountNews.SuspendedAsync(Tokens, AccountId, version: 2);

        var refused = await signingIn.LoginAsync(login, flow.Email, flow.Password);
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        refused.Text.ShouldContain("This account is suspended");
        var back = Browser.Callback(await signedIn.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge)), CodeFlow.RedirectUri);
        (back["error"], back["error_description"]).ShouldBe((OAuthErrors.AccessDenied, SuspendedAccount.Description));
        ShouldBeSuspended(await flow.RedeemAsync(code));

        await AccountNews.ReinstatedAsync(Tokens, AccountId, version: 3);
        (await flow.RedeemAsync(code)).Status.ShouldBe(HttpStatusCode.OK, "a code is refused while suspended, not spent");
    }

    [Fact]
    public async Task management_refuses_a_suspended_accounts_access_tokens_and_api_keys_until_it_is_reinstated()
    {
        var manager = await Api.RegisterAsync(scopes: ["keys:manage"]);
        var token = await Api.AccessTokenAsync(manager);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users", key: token)).Status.ShouldBe(HttpStatusCode.OK);

        await AccountNews.SuspendedAsync(Tokens, AccountId, version: 2);

        (await Api.ManageAsync(HttpMethod.Get, "/api/users", key: token)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var byKey = await Api.ManageAsync(HttpMethod.Get, "/api/clients");
        (byKey.Status, byKey.Text).ShouldBe((HttpStatusCode.Unauthorized, """{"statusCode":401,"error":"Unauthorized","message":"API key's account is suspended"}"""));

        await AccountNews.ReinstatedAsync(Tokens, AccountId, version: 3);
        (await Api.ManageAsync(HttpMethod.Get, "/api/users", key: token)).Status.ShouldBe(HttpStatusCode.OK);
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_older_event_heard_late_never_undoes_a_newer_one()
    {
        var client = await Api.RegisterAsync();
        await AccountNews.SuspendedAsync(Tokens, AccountId, version: 4);

        await AccountNews.ReinstatedAsync(Tokens, AccountId, version: 3);
        await AccountNews.OpenedAsync(Tokens, AccountId, @operator: false);

        ShouldBeSuspended(await Api.ClientCredentialsAsync(client));
        await using (var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession())
            (await session.LoadAsync<AccountStanding>(AccountId, Ct)).ShouldBe(new AccountStanding(AccountId, Suspended: true, Version: 4) { Operator = false });

        await AccountNews.ReinstatedAsync(Tokens, AccountId, version: 5);
        (await Api.ClientCredentialsAsync(client)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task keys_signal_alone_ends_the_accounts_tokens_within_the_bound_and_a_newer_one_brings_them_back()
    {
        var client = await Api.RegisterAsync();
        var token = await Api.AccessTokenAsync(client);

        await AccountNews.SignalAsync(Tokens, AccountId, version: 2, suspended: true);
        await Api.IntrospectUntilAsync(token, client, active: false, TimeSpan.FromSeconds(5));
        ShouldBeSuspended(await Api.ClientCredentialsAsync(client));
        await using (var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession())
            (await session.LoadAsync<AccountStanding>(AccountId, Ct)).ShouldBeNull("no durable event was sent");

        await AccountNews.SignalAsync(Tokens, AccountId, version: 1, suspended: false);
        await Task.Delay(300, Ct);
        (await Api.IntrospectAsync(token, client)).Json.GetProperty("active").GetBoolean().ShouldBeFalse("an older signal lifts nothing");

        await AccountNews.SignalAsync(Tokens, AccountId, version: 3, suspended: false);
        await Api.IntrospectUntilAsync(token, client, active: true, TimeSpan.FromSeconds(5));
        AccountNews.Denylist(Tokens).Account(AccountId)!.Version.ShouldBe(3);
    }

    private async Task<bool> ActiveAsync(string token, Clients.RegisteredClient caller) =>
        (await Api.IntrospectAsync(token, caller)).Json.GetProperty("active").GetBoolean();

    private Task<Answer> ExchangeAsync(string apiKey) => Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
    {
        [OAuthParameters.GrantType] = GrantTypes.TokenExchange,
        [OAuthParameters.SubjectToken] = apiKey,
        [OAuthParameters.SubjectTokenType] = TokenTypes.ApiKey,
    });

    private static void ShouldBeSuspended(Answer answer)
    {
        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        (answer.Str("error"), answer.Str("error_description")).ShouldBe((OAuthErrors.InvalidGrant, SuspendedAccount.Description));
    }
}
