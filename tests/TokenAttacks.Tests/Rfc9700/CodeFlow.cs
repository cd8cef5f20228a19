using System.Collections.Specialized;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests.Rfc9700;

/// <summary>
/// A third-party public client (PKCE, no secret) and a person who uses it, registered for one test: the authorization
/// request, the person's browser, and the client's calls to the token endpoint.
/// </summary>
public sealed class CodeFlow(PlatformFixture platform, string clientId, SignInBrowser browser) : IDisposable
{
    public const string RedirectUri = "https://app.example.com/callback";
    private const string Password = "correct horse battery staple";

    public string ClientId => clientId;
    public SignInBrowser Browser => browser;
    public string Origin => platform.Gateway.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public static async Task<CodeFlow> StartAsync(PlatformFixture platform)
    {
        var client = await RegisterAsync(platform);
        var email = $"attacked-{Guid.NewGuid():N}@example.com";
        await platform.Gateway.ManageAsync(HttpMethod.Post, "/api/users", platform.AdminKey, new { email, password = Password, scopes = new[] { Scope.ModelsRead } });
        return new CodeFlow(platform, client, new SignInBrowser(platform.Gateway.BaseAddress!, email, Password));
    }

    public static async Task<string> RegisterAsync(PlatformFixture platform) => (await platform.Gateway.ManageAsync(HttpMethod.Post, "/api/clients", platform.AdminKey, new
    {
        name = "rfc9700-app", type = "public", redirectUris = new[] { RedirectUri }, scopes = new[] { Scope.ModelsRead },
        grantTypes = new[] { OpenIdConnectGrantTypes.AuthorizationCode, OpenIdConnectGrantTypes.RefreshToken },
    })).Str("clientId");

    /// <summary>A well-formed request (S256 challenge of <paramref name="challenge"/>); tests then spoil one parameter.</summary>
    public Dictionary<string, string> Request(string challenge, string state = "xyz") => new()
    {
        [OpenIdConnectParameterNames.ResponseType] = OpenIdConnectResponseType.Code, [OpenIdConnectParameterNames.ClientId] = clientId,
        [OpenIdConnectParameterNames.RedirectUri] = RedirectUri, [OpenIdConnectParameterNames.Scope] = Scope.ModelsRead,
        [OpenIdConnectParameterNames.State] = state, [OAuth.CodeChallenge] = challenge, [OAuth.CodeChallengeMethod] = OAuth.S256,
    };

    public Task<NameValueCollection> RespondAsync(Dictionary<string, string> request) => browser.AuthorizationResponseAsync(request, RedirectUri);

    /// <summary>A fresh code and its verifier, after sign-in and consent (remembered after the first time).</summary>
    public async Task<(string Code, string Verifier)> CodeAsync(Action<Dictionary<string, string>>? change = null)
    {
        var (verifier, challenge) = LoginPages.Pkce();
        var request = Request(challenge);
        change?.Invoke(request);
        var callback = await RespondAsync(request);
        callback["code"].ShouldNotBeNull(callback.ToString());
        return (callback["code"]!, verifier);
    }

    public Task<(HttpResponseMessage Response, JsonElement Json)> RedeemAsync(string code, string? verifier, string? redirectUri = RedirectUri, string? asClient = null)
    {
        var form = new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.AuthorizationCode, [OpenIdConnectParameterNames.Code] = code,
            [OpenIdConnectParameterNames.ClientId] = asClient ?? clientId,
        };
        if (redirectUri is not null) form[OpenIdConnectParameterNames.RedirectUri] = redirectUri;
        if (verifier is not null) form[OAuth.CodeVerifier] = verifier;
        return platform.Gateway.PostFormAsync(OAuth.TokenPath, form);
    }

    public Task<(HttpResponseMessage Response, JsonElement Json)> RefreshAsync(string refreshToken, string? resource = null)
    {
        var form = new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.RefreshToken, [OpenIdConnectParameterNames.RefreshToken] = refreshToken,
            [OpenIdConnectParameterNames.ClientId] = clientId,
        };
        if (resource is not null) form[OpenIdConnectParameterNames.Resource] = resource;
        return platform.Gateway.PostFormAsync(OAuth.TokenPath, form);
    }

    /// <summary>Whether the access token is live, asked as a resource server asks (RFC 7662).</summary>
    public async Task<bool> ActiveAsync(string token)
    {
        var genuine = await Genuine.ObtainAsync(platform);
        var (_, json) = await platform.Gateway.PostFormAsync(OAuth.IntrospectPath, new Dictionary<string, string> { [OAuth.Token] = token },
            Api.Basic(genuine.ClientId, genuine.ClientSecret));
        return json.GetProperty("active").GetBoolean();
    }

    public void Dispose() => browser.Dispose();
}
