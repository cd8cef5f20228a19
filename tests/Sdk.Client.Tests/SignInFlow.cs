using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Sdk.Client.Clients;
using Platform.Tokens.Protocol;

namespace Platform.Sdk.Client.Tests;

/// <summary>
/// A person signing in as the console's browser does, for a public client registered for the code flow: authorize → the
/// login page → consent → the code redeemed with PKCE. The answer is the person's access token, for a <see cref="PlatformClient"/>.
/// </summary>
public sealed class SignInFlow(PlatformClient admin, HttpMessageHandler router)
{
    public const string Callback = "https://console.sdk.test/callback";
    private Guid _clientId;

    public async Task RegisterAsync(CancellationToken ct) => _clientId = (await admin.Clients.RegisterAsync(new RegisterClientRequest(
        "sdk-console", ClientTypes.Public, [Callback], ["admin"], [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken]), ct)).ClientId;

    public async Task<string> SignInAsync(string email, string password, CancellationToken ct)
    {
        using var browser = new HttpClient(new CookieJar { InnerHandler = router }, disposeHandler: false) { BaseAddress = PlatformFixture.Url };
        var verifier = "verifier-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
        var login = await browser.GetStringAsync($"/oauth/authorize?response_type=code&client_id={_clientId}&redirect_uri={Uri.EscapeDataString(Callback)}"
            + $"&scope=admin&state=s&code_challenge={Pkce.Challenge(verifier)}&code_challenge_method=S256", ct);
        using var afterLogin = await browser.PostAsync("/oauth/login", Form(("__RequestVerificationToken", Field(login, "__RequestVerificationToken")),
            ("return_url", Field(login, "return_url")), ("email", email), ("password", password)), ct);
        afterLogin.StatusCode.ShouldBe(HttpStatusCode.Redirect, await afterLogin.Content.ReadAsStringAsync(ct));
        // Consent is asked once per client and scopes: a second sign-in comes straight back with its code.
        using var afterAuthorize = await browser.GetAsync(afterLogin.Headers.Location, ct);
        var back = afterAuthorize;
        if (afterAuthorize.StatusCode == HttpStatusCode.OK)
        {
            var consent = await afterAuthorize.Content.ReadAsStringAsync(ct);
            back = await browser.PostAsync("/oauth/consent", Form(("__RequestVerificationToken", Field(consent, "__RequestVerificationToken")),
                ("request", Field(consent, "request")), ("decision", "allow")), ct);
        }
        var code = System.Web.HttpUtility.ParseQueryString(back.Headers.Location!.Query)["code"]!;
        using var token = await browser.PostAsync("/oauth/token", Form(("grant_type", GrantTypes.AuthorizationCode), ("code", code), ("redirect_uri", Callback),
            ("client_id", _clientId.ToString()), ("code_verifier", verifier)), ct);
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync(ct));
        return JsonDocument.Parse(await token.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client of the management APIs acting as the signed-in person.</summary>
    public static PlatformClient As(string accessToken, HttpMessageHandler router) =>
        new(new HttpClient(new Bearer(accessToken) { InnerHandler = router }, disposeHandler: false) { BaseAddress = PlatformFixture.Url });

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) => new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static string Field(string page, string name) =>
        WebUtility.HtmlDecode(Regex.Match(page, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);

    private sealed class Bearer(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Authorization = new("Bearer", token);
            return base.SendAsync(request, ct);
        }
    }

    private sealed class CookieJar : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = new Uri(PlatformFixture.Url, request.RequestUri!);
            if (_cookies.GetCookieHeader(uri) is { Length: > 0 } header) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) _cookies.SetCookies(uri, cookie);
            return response;
        }
    }
}
