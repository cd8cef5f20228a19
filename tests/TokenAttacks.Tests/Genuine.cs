using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.EndToEnd.Tests;

namespace Platform.TokenAttacks.Tests;

/// <summary>
/// Real credentials of one account, obtained once per run the way clients obtain them: the forgeries start from
/// these tokens' own claims, and each must still be accepted where the forgeries are refused (the control).
/// </summary>
public sealed record Genuine(
    string ApiKey, string AccessToken, string SampleApiToken, string McpToken, string UserAccessToken, string RefreshToken,
    string ClientId, string ClientSecret, string AgentToken, string AgentId, JsonElement Jwk, string Origin,
    string ExpiredAccessToken, string ExpiredMcpToken)
{
    /// <summary>Tokens' clock skew (30 s) and a margin: after this, the tokens of a key that expired at once are past their <c>exp</c>.</summary>
    private static readonly TimeSpan PastSkew = TimeSpan.FromSeconds(33);
    public const string DashboardClientId = "d45b0a2d-0000-4000-8000-00000000da5b";
    public const string DashboardCallbackPath = "/dashboard/signin-oauth";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Genuine? _obtained;

    public static async Task<Genuine> ObtainAsync(PlatformFixture platform)
    {
        await Once.WaitAsync(Api.Ct);
        try
        {
            return _obtained ??= await CreateAsync(platform);
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<Genuine> CreateAsync(PlatformFixture platform)
    {
        var gateway = platform.Gateway;
        var origin = gateway.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var key = await gateway.ManageAsync(HttpMethod.Post, "/api/keys", platform.AdminKey, new
        {
            name = "token-attacks", environment = "live", scopes = new[] { Scope.KeysManage, Scope.ModelsRead, Scope.ChatCompletions, Scope.InsightsRead, Scope.PlansRead },
        });
        var apiKey = key.Str("secret");
        await Eventually.ValueAsync(async () => (await gateway.PostAsJsonAsync("/api/keys/verify", new { key = apiKey }, Api.Ct)).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(10));

        // Note: a token never outlives its key, so a key that expires in seconds gives a genuinely signed token that soon expires.
        var shortLived = (await gateway.ManageAsync(HttpMethod.Post, "/api/keys", platform.AdminKey, new
        {
            name = "token-attacks-short", environment = "live", scopes = new[] { Scope.KeysManage, Scope.ModelsRead }, expiresAt = DateTimeOffset.UtcNow.AddSeconds(4),
        })).Str("secret");
        var expiring = (await ExchangeAsync(gateway, shortLived, null), await ExchangeAsync(gateway, shortLived, $"{origin}/mcp"));

        var client = await gateway.ManageAsync(HttpMethod.Post, "/api/clients", platform.AdminKey, new
        {
            name = "token-attacks-introspector", type = "confidential", grantTypes = new[] { OpenIdConnectGrantTypes.ClientCredentials }, scopes = new[] { Scope.ModelsRead },
        });
        var agent = await gateway.ManageAsync(HttpMethod.Post, "/api/agents", apiKey, new { agentId = "token-attacks-agent", scopes = new[] { Scope.ModelsRead } });
        var (userToken, refreshToken) = await DashboardSignInAsync(platform, origin);

        var accessToken = await ExchangeAsync(gateway, apiKey, resource: null);
        var kid = new JsonWebToken(accessToken).Kid;
        var jwks = await gateway.GetFromJsonAsync<JsonElement>(OAuth.JwksPath, Api.Ct);
        return new Genuine(apiKey, accessToken, await ExchangeAsync(gateway, apiKey, origin), await ExchangeAsync(gateway, apiKey, $"{origin}/mcp"),
            userToken, refreshToken, client.Str("clientId"), client.Str("clientSecret"), agent.Str("token"), agent.Str("agentId"),
            jwks.GetProperty("keys").EnumerateArray().Single(k => k.Str(JwtHeaderParameterNames.Kid) == kid).Clone(), origin,
            expiring.Item1, expiring.Item2);
    }

    /// <summary>Waits until <see cref="ExpiredAccessToken"/> is past its <c>exp</c> and the skew every service allows.</summary>
    public async Task ExpiredTokensPastSkewAsync()
    {
        var due = new JsonWebToken(ExpiredAccessToken).ValidTo + PastSkew - DateTime.UtcNow;
        if (due > TimeSpan.Zero) await Task.Delay(due, Api.Ct);
    }

    /// <summary>RFC 8693: the API key exchanged for an access token, bound to <paramref name="resource"/> (none: the default audience).</summary>
    public static async Task<string> ExchangeAsync(HttpClient gateway, string apiKey, string? resource)
    {
        var form = new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OAuth.TokenExchange, [OAuth.SubjectToken] = apiKey, [OAuth.SubjectTokenType] = OAuth.ApiKeyTokenType,
        };
        if (resource is not null) form[OpenIdConnectParameterNames.Resource] = resource;
        var (response, json) = await gateway.PostFormAsync(OAuth.TokenPath, form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, json.ToString());
        return json.Str(OpenIdConnectParameterNames.AccessToken);
    }

    /// <summary>The development user signs in to the dashboard (first party: no consent page): a user's access and refresh token.</summary>
    internal static async Task<(string Access, string Refresh)> DashboardSignInAsync(PlatformFixture platform, string origin)
    {
        var redirect = origin + DashboardCallbackPath;
        var (verifier, challenge) = LoginPages.Pkce();
        using var browser = new SignInBrowser(platform.Gateway.BaseAddress!, platform.DevUser.Email, platform.DevUser.Password);
        var callback = await browser.AuthorizationResponseAsync(new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.ResponseType] = OpenIdConnectResponseType.Code, [OpenIdConnectParameterNames.ClientId] = DashboardClientId,
            [OpenIdConnectParameterNames.RedirectUri] = redirect, [OpenIdConnectParameterNames.Scope] = Scope.Admin,
            [OpenIdConnectParameterNames.State] = "genuine", [OAuth.CodeChallenge] = challenge, [OAuth.CodeChallengeMethod] = OAuth.S256,
        }, redirect);
        var (response, json) = await platform.Gateway.PostFormAsync(OAuth.TokenPath, new Dictionary<string, string>
        {
            [OpenIdConnectParameterNames.GrantType] = OpenIdConnectGrantTypes.AuthorizationCode, [OpenIdConnectParameterNames.Code] = callback["code"]!,
            [OpenIdConnectParameterNames.RedirectUri] = redirect, [OpenIdConnectParameterNames.ClientId] = DashboardClientId, [OAuth.CodeVerifier] = verifier,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, json.ToString());
        return (json.Str(OpenIdConnectParameterNames.AccessToken), json.Str(OpenIdConnectParameterNames.RefreshToken));
    }
}
