using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.Tokens.Authorize;
using Platform.Tokens.Grants;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

public class AuthorizationCodeTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task a_user_signs_in_consents_and_the_client_redeems_the_code_with_its_verifier()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);

        var callback = await flow.SignInAsync(browser, state: "af0ifjsldkj");

        callback["state"].ShouldBe("af0ifjsldkj");
        callback["iss"].ShouldBe(TokensFixture.Issuer);
        var answer = await flow.RedeemAsync(callback["code"]);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Str("scope").ShouldBe("plans:read");
        answer.Str("refresh_token").ShouldStartWith("rt_");
        var jwt = new JsonWebToken(answer.Str("access_token"));
        jwt.GetPayloadValue<string>("client_id").ShouldBe(flow.Client.ClientId.ToString());
        jwt.GetPayloadValue<string>("account_id").ShouldBe(AccountId.ToString());
    }

    [Fact]
    public async Task a_user_holding_admin_grants_the_model_scopes_admin_implies()
    {
        var flow = await CodeFlow.StartAsync(Api, clientScopes: ["models:read", "chat:completions"], userScopes: ["admin"]);

        var callback = await flow.SignInAsync(new Browser(Tokens), scope: "models:read chat:completions");

        var answer = await flow.RedeemAsync(callback["code"]);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        answer.Str("scope").ShouldBe("models:read chat:completions");
    }

    [Fact]
    public async Task a_client_registered_with_admin_may_ask_for_a_scope_admin_implies()
    {
        var flow = await CodeFlow.StartAsync(Api, clientScopes: ["admin"], userScopes: ["admin"]);

        var callback = await flow.SignInAsync(new Browser(Tokens), scope: "models:read");

        (await flow.RedeemAsync(callback["code"])).Str("scope").ShouldBe("models:read");
    }

    [Fact]
    public void admin_covers_every_scope_of_the_catalogue_and_nothing_outside_it()
    {
        ScopeRequest.Narrow(["models:read", "chat:completions"], ["admin"]).Scopes.ShouldBe(["models:read", "chat:completions"]);
        ScopeRequest.Narrow(["no:such"], ["admin"]).Error!.Error.ShouldBe("invalid_scope");
        ScopeRequest.Narrow(["models:read"], ["plans:read"]).Error!.Error.ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task consent_is_remembered_so_the_next_sign_in_returns_a_code_at_once()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        await flow.SignInAsync(browser);

        var again = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));

        Browser.Callback(again, CodeFlow.RedirectUri).ShouldContainKey("code");
    }

    [Fact]
    public async Task a_public_client_redeems_with_its_client_id_and_verifier_only()
    {
        var flow = await CodeFlow.StartAsync(Api, "public");

        var callback = await flow.SignInAsync(new Browser(Tokens));

        (await flow.RedeemAsync(callback["code"])).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null, "S256", "code_challenge is required")]
    [InlineData("plain", "plain", "code_challenge_method must be S256")]
    [InlineData("short", "S256", "code_challenge must be 43")]
    public async Task pkce_is_required_with_s256_and_errors_go_back_to_the_client(string? challenge, string method, string description)
    {
        var flow = await CodeFlow.StartAsync(Api);
        var value = challenge switch { null => null, "plain" => flow.Verifier[..43], _ => challenge };

        var answer = await new Browser(Tokens).GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, value, method: method));

        var callback = Browser.Callback(answer, CodeFlow.RedirectUri);
        callback["error"].ShouldBe("invalid_request");
        callback["error_description"].ShouldStartWith(description);
        callback["state"].ShouldBe("xyz");
        callback["iss"].ShouldBe(TokensFixture.Issuer);
    }

    [Theory]
    [InlineData("https://app.example.com/callback/extra")]
    [InlineData("https://app.example.com/callbac")]
    [InlineData("https://APP.example.com/callback")]
    [InlineData("https://evil.example.com/callback")]
    public async Task a_redirect_uri_that_is_not_registered_exactly_gets_an_error_page_and_no_redirect(string redirectUri)
    {
        var flow = await CodeFlow.StartAsync(Api);

        var answer = await new Browser(Tokens).GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, redirectUri, flow.Challenge));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Response.Headers.Location.ShouldBeNull();
        answer.Text.ShouldContain("redirect_uri");
    }

    [Fact]
    public async Task an_unknown_client_gets_an_error_page()
    {
        var answer = await new Browser(Tokens).GetAsync(Browser.AuthorizeUrl(Guid.NewGuid(), CodeFlow.RedirectUri, new string('a', 43)));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task a_denied_consent_sends_access_denied_back()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        var login = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));
        var consent = await browser.GetAsync((await browser.LoginAsync(login, flow.Email, flow.Password)).Response.Headers.Location!.ToString());

        var callback = Browser.Callback(await browser.ConsentAsync(consent, "deny"), CodeFlow.RedirectUri);

        callback["error"].ShouldBe("access_denied");
        callback.ShouldNotContainKey("code");
    }

    [Theory]
    [InlineData("wrong-verifier")]
    [InlineData(null)]
    public async Task a_wrong_or_missing_verifier_is_invalid_grant(string? verifier)
    {
        var flow = await CodeFlow.StartAsync(Api);
        var callback = await flow.SignInAsync(new Browser(Tokens));

        var answer = await flow.RedeemAsync(callback["code"], verifier is null ? null : verifier + new string('x', 40));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task a_redirect_uri_differing_at_the_token_endpoint_is_invalid_grant()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var callback = await flow.SignInAsync(new Browser(Tokens));

        (await flow.RedeemAsync(callback["code"], redirectUri: CodeFlow.RedirectUri + "/")).Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task a_code_used_twice_is_refused_and_what_it_issued_is_revoked()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var callback = await flow.SignInAsync(new Browser(Tokens));
        var first = await flow.RedeemAsync(callback["code"]);
        first.Status.ShouldBe(HttpStatusCode.OK);

        var second = await flow.RedeemAsync(callback["code"]);

        second.Str("error").ShouldBe("invalid_grant");
        (await flow.RefreshAsync(first.Str("refresh_token"))).Str("error").ShouldBe("invalid_grant");
        var resourceServer = await Api.RegisterAsync();
        await Api.IntrospectUntilAsync(first.Str("access_token"), resourceServer, active: false);
    }

    [Fact]
    public async Task a_code_for_another_client_is_invalid_grant()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var other = await CodeFlow.StartAsync(Api);
        var callback = await flow.SignInAsync(new Browser(Tokens));

        var answer = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.AuthorizationCode,
            [OAuthParameters.Code] = callback["code"],
            [OAuthParameters.RedirectUri] = CodeFlow.RedirectUri,
            [OAuthParameters.CodeVerifier] = flow.Verifier,
        }, other.Client.ClientId.ToString(), other.Client.ClientSecret!);

        answer.Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_user_out_even_for_the_right_one()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        var page = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));
        for (var i = 0; i < 5; i++)
        {
            page = await browser.LoginAsync(page, flow.Email, "not the password");
            page.Status.ShouldBe(HttpStatusCode.BadRequest);
        }
        page.Text.ShouldContain("Too many failed attempts");

        var right = await browser.LoginAsync(page, flow.Email, flow.Password);

        right.Status.ShouldBe(HttpStatusCode.BadRequest);
        right.Text.ShouldContain("Too many failed attempts");
    }

    [Fact]
    public async Task login_never_redirects_outside_the_authorization_flow()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var browser = new Browser(Tokens);
        var login = await browser.GetAsync(Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge));

        var answer = await browser.PostFormAsync("/oauth/login", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browser.Field(login, "__RequestVerificationToken"),
            ["return_url"] = "https://evil.example.com/",
            ["email"] = flow.Email,
            ["password"] = flow.Password,
        });

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task a_login_post_without_the_antiforgery_token_is_refused()
    {
        var flow = await CodeFlow.StartAsync(Api);

        var answer = await new Browser(Tokens).PostFormAsync("/oauth/login", new Dictionary<string, string>
        {
            ["return_url"] = Browser.AuthorizeUrl(flow.Client.ClientId, CodeFlow.RedirectUri, flow.Challenge),
            ["email"] = flow.Email,
            ["password"] = flow.Password,
        });

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public void a_verifier_for_a_code_issued_without_a_challenge_is_a_downgrade_and_refused()
    {
        var now = DateTimeOffset.UtcNow;
        var code = new AuthorizationCode("h", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), CodeFlow.RedirectUri, [], null, now, now.AddMinutes(1));
        var form = Form((OAuthParameters.RedirectUri, CodeFlow.RedirectUri), (OAuthParameters.CodeVerifier, new string('v', 43)));

        AuthorizationCodeGrant.Check(code, form, now)!.ErrorDescription.ShouldContain("without a code_challenge");
    }

    [Fact]
    public void a_code_is_refused_once_its_minute_is_over()
    {
        var now = DateTimeOffset.UtcNow;
        var verifier = new string('v', 43);
        var code = new AuthorizationCode("h", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), CodeFlow.RedirectUri, [], Pkce.Challenge(verifier), now, now + CodeIssuer.MaxLifetime);
        var form = Form((OAuthParameters.RedirectUri, CodeFlow.RedirectUri), (OAuthParameters.CodeVerifier, verifier));

        AuthorizationCodeGrant.Check(code, form, now.AddSeconds(59)).ShouldBeNull();
        AuthorizationCodeGrant.Check(code, form, now.AddSeconds(60))!.ErrorDescription.ShouldBe("the code has expired");
    }

    private static OAuthForm Form(params (string Name, string Value)[] values) =>
        new(new Microsoft.AspNetCore.Http.FormCollection(values.ToDictionary(v => v.Name, v => new Microsoft.Extensions.Primitives.StringValues(v.Value))));
}
