using System.Net;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

/// <summary>An app registered for the code flow, a user, and the PKCE pair of one sign-in.</summary>
public sealed class CodeFlow(OAuthClientApi api, RegisteredClient client, string email, string password)
{
    public const string RedirectUri = "https://app.example.com/callback";

    public RegisteredClient Client => client;

    public string Email => email;

    public string Password => password;

    public string Verifier { get; } = "verifier-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");

    public string Challenge => Pkce.Challenge(Verifier);

    public static async Task<CodeFlow> StartAsync(OAuthClientApi api, string type = "confidential", string[]? clientScopes = null, string[]? userScopes = null)
    {
        var client = await api.RegisterAsync(type, [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken], clientScopes ?? ["plans:read", "insights:read"], [RedirectUri]);
        var email = $"ada-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery staple";
        var created = await api.ManageAsync(HttpMethod.Post, "/api/users", new { email, password, scopes = userScopes ?? ["plans:read", "insights:read"] });
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        return new CodeFlow(api, client, email, password);
    }

    /// <summary>Authorize → login → consent → the callback's query.</summary>
    public async Task<Dictionary<string, string>> SignInAsync(Browser browser, string scope = "plans:read", string state = "xyz")
    {
        var login = await browser.GetAsync(Browser.AuthorizeUrl(client.ClientId, RedirectUri, Challenge, scope, state));
        login.Status.ShouldBe(HttpStatusCode.OK, login.Text);
        login.Text.ShouldContain("Sign in");
        var afterLogin = await browser.LoginAsync(login, email, password);
        afterLogin.Status.ShouldBe(HttpStatusCode.Redirect, afterLogin.Text);
        var consent = await browser.GetAsync(afterLogin.Response.Headers.Location!.ToString());
        consent.Text.ShouldContain("Allow");
        return Browser.Callback(await browser.ConsentAsync(consent), RedirectUri);
    }

    public Task<Answer> RedeemAsync(string code, string? verifier = "", string redirectUri = RedirectUri)
    {
        var form = new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.AuthorizationCode,
            [OAuthParameters.Code] = code,
            [OAuthParameters.RedirectUri] = redirectUri,
        };
        if (verifier is not null) form[OAuthParameters.CodeVerifier] = verifier.Length == 0 ? Verifier : verifier;
        return Post(form);
    }

    public Task<Answer> RefreshAsync(string refreshToken, string? scope = null)
    {
        var form = new Dictionary<string, string> { [OAuthParameters.GrantType] = GrantTypes.RefreshToken, [OAuthParameters.RefreshToken] = refreshToken };
        if (scope is not null) form[OAuthParameters.Scope] = scope;
        return Post(form);
    }

    private Task<Answer> Post(Dictionary<string, string> form)
    {
        if (client.ClientSecret is not null) return api.PostFormAsync("/oauth/token", form, client.ClientId.ToString(), client.ClientSecret);
        form[OAuthParameters.ClientId] = client.ClientId.ToString();
        return api.PostFormAsync("/oauth/token", form);
    }
}
