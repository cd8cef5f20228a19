using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Accounts;
using Platform.Testing;
using Platform.Tokens.Clients;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;
using Wolverine.Tracking;

namespace Platform.Tokens.Tests;

/// <summary>An HTTP answer: status, headers and the JSON body (or text when it is not JSON).</summary>
public sealed record Answer(HttpStatusCode Status, HttpResponseMessage Response, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public string Str(string name) => Json.GetProperty(name).GetString()!;

    public static async Task<Answer> From(HttpResponseMessage response) => new(response.StatusCode, response, await response.Content.ReadAsStringAsync());
}

/// <summary>Talks to the Tokens host as clients and resource servers do: form posts, Basic auth, JSON.</summary>
public sealed class OAuthClientApi(IAlbaHost tokens, string admin)
{
    public HttpClient Http { get; } = tokens.Server.CreateClient();

    public static readonly string[] AllGrants = [GrantTypes.ClientCredentials, GrantTypes.TokenExchange];

    public async Task<RegisteredClient> RegisterAsync(string type = "confidential", string[]? grants = null, string[]? scopes = null, string[]? redirects = null, string? key = null)
    {
        var answer = await ManageAsync(HttpMethod.Post, "/api/clients", new RegisterClient("billing-sync", type, redirects, scopes ?? ["insights:read", "plans:read"],
            grants ?? [GrantTypes.ClientCredentials]), key);
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
        var registered = JsonSerializer.Deserialize<RegisteredClient>(answer.Text, JsonSerializerOptions.Web)!;
        // The index learns of it through a PostgreSQL notification, milliseconds after the commit.
        var index = tokens.Services.GetRequiredService<ClientIndex>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!index.TryFind(registered.ClientId.ToString(), out _))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the client never reached the index");
            await Task.Delay(5);
        }
        return registered;
    }

    public async Task<Answer> ManageAsync(HttpMethod method, string url, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? admin);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Answer.From(await Http.SendAsync(request));
    }

    public async Task<Answer> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> form, string? basicId = null, string? basicSecret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (basicId is not null) request.Headers.Authorization = Basic(basicId, basicSecret!);
        return await Answer.From(await Http.SendAsync(request));
    }

    public Task<Answer> ClientCredentialsAsync(RegisteredClient client, string? scope = null, bool basic = true, string path = "/oauth/token")
    {
        var form = new Dictionary<string, string> { [OAuthParameters.GrantType] = GrantTypes.ClientCredentials };
        if (scope is not null) form[OAuthParameters.Scope] = scope;
        if (basic) return PostFormAsync(path, form, client.ClientId.ToString(), client.ClientSecret!);
        form[OAuthParameters.ClientId] = client.ClientId.ToString();
        form[OAuthParameters.ClientSecret] = client.ClientSecret!;
        return PostFormAsync(path, form);
    }

    public async Task<string> AccessTokenAsync(RegisteredClient client, string? scope = null)
    {
        var answer = await ClientCredentialsAsync(client, scope);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text);
        return answer.Str("access_token");
    }

    public Task<Answer> IntrospectAsync(string token, RegisteredClient caller) =>
        PostFormAsync("/oauth/introspect", [new(OAuthParameters.Token, token)], caller.ClientId.ToString(), caller.ClientSecret!);

    /// <summary>Introspection reads memory that PostgreSQL notifications update: poll until it says <paramref name="active"/>.</summary>
    public async Task<TimeSpan> IntrospectUntilAsync(string token, RegisteredClient caller, bool active, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var answer = await IntrospectAsync(token, caller);
            if (answer.Status == HttpStatusCode.OK && answer.Json.GetProperty("active").GetBoolean() == active) return clock.Elapsed;
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(10))) throw new TimeoutException($"introspection did not say active={active}: {answer.Text}");
            await Task.Delay(10);
        }
    }

    /// <summary>RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.</summary>
    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));
}

public static class Wait
{
    /// <summary>Memory on a replica follows PostgreSQL notifications: a change shows within milliseconds, not at once.</summary>
    public static async Task Until(Func<Task<bool>> condition, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {seconds} s");
            await Task.Delay(10);
        }
    }
}

/// <summary>The Keys service's management API, as an account admin uses it.</summary>
public static class KeyApi
{
    public static async Task<Platform.Keys.ApiKeys.IssuedKey> IssueAsync(IAlbaHost keys, string admin, Platform.Keys.ApiKeys.IssueKey command)
    {
        var result = await keys.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            s.Post.Json(command).ToUrl("/api/keys");
            s.StatusCodeShouldBe(201);
        });
        var issued = (await result.ReadAsJsonAsync<Platform.Keys.ApiKeys.IssuedKey>())!;
        // Keys' index learns of the key through a notification, milliseconds after the commit.
        await keys.VerifyUntilAsync(issued.Secret, 200);
        return issued;
    }

    public static Task RevokeAsync(IAlbaHost keys, string admin, Guid keyId) => CommandAsync(keys, admin, keyId, "revoke", new { reason = "test" });

    public static Task CommandAsync(IAlbaHost keys, string admin, Guid keyId, string verb, object? body) =>
        SendAsync(keys, admin, HttpMethod.Post, $"/api/keys/{keyId}/{verb}", body);

    public static async Task SendAsync(IAlbaHost keys, string admin, HttpMethod method, string url, object? body) =>
        await keys.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {admin}");
            if (method == HttpMethod.Put) s.Put.Json(body!).ToUrl(url);
            else if (body is null) s.Post.Url(url);
            else s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(200);
        });
}

/// <summary>Keys' news of an account as Tokens hears it: the durable events (handled here at once) and the fast signal.</summary>
public static class AccountNews
{
    public static async Task OpenedAsync(IAlbaHost tokens, Guid account, bool @operator)
    {
        await tokens.InvokeMessageAndWaitAsync(new AccountOpened(Guid.CreateVersion7(), account, "test", @operator, "bootstrap", DateTimeOffset.UtcNow) { SourceVersion = 1 });
        await Wait.Until(() => Task.FromResult(Denylist(tokens).Account(account)?.Operator == @operator));
    }

    /// <summary>The suspension at <paramref name="version"/> of the account's stream; once stored, this replica's memory follows within milliseconds.</summary>
    public static async Task SuspendedAsync(IAlbaHost tokens, Guid account, long version)
    {
        await tokens.InvokeMessageAndWaitAsync(new AccountSuspended(Guid.CreateVersion7(), account, "unpaid", "key:operator", DateTimeOffset.UtcNow) { SourceVersion = version });
        await UntilKnownAsync(tokens, account, version);
    }

    public static async Task ReinstatedAsync(IAlbaHost tokens, Guid account, long version)
    {
        await tokens.InvokeMessageAndWaitAsync(new AccountReinstated(Guid.CreateVersion7(), account, "key:operator", DateTimeOffset.UtcNow) { SourceVersion = version });
        await UntilKnownAsync(tokens, account, version);
    }

    /// <summary>Keys' NOTIFY alone, as if its transaction had committed: no durable event behind it.</summary>
    public static Task SignalAsync(IAlbaHost tokens, Guid account, long version, bool suspended) =>
        tokens.NotifyAsync(AccountStandingSignal.Channel, new AccountStandingSignal(account, version, suspended).ToPayload());

    public static Denylist Denylist(IAlbaHost tokens) => tokens.Services.GetRequiredService<Denylist>();

    private static Task UntilKnownAsync(IAlbaHost tokens, Guid account, long version) =>
        Wait.Until(() => Task.FromResult(Denylist(tokens).Account(account)?.Version >= version));
}

/// <summary>A person signed in through the console: its access token (with <c>fid</c>), its refresh token, and the sign-in's id.</summary>
public sealed record SignedIn(string AccessToken, string RefreshToken)
{
    public Guid FamilyId => Guid.Parse(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(AccessToken).GetClaim("fid").Value);
}

/// <summary>
/// The console as it signs people in: the seeded first-party dashboard client (no consent page), authorize → login →
/// straight back with a code → the code redeemed with PKCE.
/// </summary>
public sealed class ConsoleSignIn(IAlbaHost tokens, OAuthClientApi api)
{
    public const string Callback = "https://platform.test/dashboard/signin-oauth";
    public const string Password = "a long first password";

    public static string ClientId => DashboardOptions.DefaultClientId.ToString();

    public async Task SeedAsync()
    {
        var seed = new DashboardClientSeed(tokens.Services.GetRequiredService<Marten.IDocumentStore>(),
            Microsoft.Extensions.Options.Options.Create(new TokensOptions { Dashboard = new DashboardOptions { RedirectUris = [Callback] } }),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<DashboardClientSeed>.Instance);
        await seed.SeedAsync(CancellationToken.None);
        await tokens.ReloadAsync();
    }

    /// <summary>A person of the account the admin key manages; their id.</summary>
    public async Task<Guid> AddPersonAsync(string email, string[]? scopes = null)
    {
        var created = await api.ManageAsync(HttpMethod.Post, "/api/users", new { email, password = Password, scopes = scopes ?? ["admin"] });
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        return created.Json.GetProperty("userId").GetGuid();
    }

    public static string NewVerifier() => "verifier-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");

    public static string AuthorizeUrl(string verifier, string scope = "admin") => Browser.AuthorizeUrl(DashboardOptions.DefaultClientId, Callback, Pkce.Challenge(verifier), scope);

    /// <summary>A new sign-in with the right password, in a browser of its own unless one is given.</summary>
    public async Task<SignedIn> SignInAsync(string email, string password = Password, string scope = "admin", Browser? browser = null)
    {
        browser ??= new Browser(tokens);
        var verifier = NewVerifier();
        var afterLogin = await browser.LoginAsync(await browser.GetAsync(AuthorizeUrl(verifier, scope)), email, password);
        afterLogin.Status.ShouldBe(HttpStatusCode.Redirect, afterLogin.Text);
        return await FinishAsync(browser, afterLogin, verifier);
    }

    /// <summary>The login page's answer to <paramref name="password"/>, in a new browser.</summary>
    public async Task<Answer> LoginAsync(string email, string password)
    {
        var browser = new Browser(tokens);
        return await browser.LoginAsync(await browser.GetAsync(AuthorizeUrl(NewVerifier())), email, password);
    }

    /// <summary>From the redirect the login page (or the change form) answered: back to authorize, then the code redeemed.</summary>
    public async Task<SignedIn> FinishAsync(Browser browser, Answer afterLogin, string verifier)
    {
        var back = await browser.GetAsync(afterLogin.Response.Headers.Location!.ToString());
        var token = await RedeemAsync(Browser.Callback(back, Callback)["code"], verifier);
        token.Status.ShouldBe(HttpStatusCode.OK, token.Text);
        return new SignedIn(token.Str("access_token"), token.Str("refresh_token"));
    }

    public Task<Answer> RedeemAsync(string code, string verifier) => api.PostFormAsync("/oauth/token", new Dictionary<string, string>
    {
        [OAuthParameters.GrantType] = GrantTypes.AuthorizationCode, [OAuthParameters.Code] = code, [OAuthParameters.RedirectUri] = Callback,
        [OAuthParameters.CodeVerifier] = verifier, [OAuthParameters.ClientId] = ClientId,
    });

    public Task<Answer> RefreshAsync(string refreshToken) => api.PostFormAsync("/oauth/token", new Dictionary<string, string>
    {
        [OAuthParameters.GrantType] = GrantTypes.RefreshToken, [OAuthParameters.RefreshToken] = refreshToken, [OAuthParameters.ClientId] = ClientId,
    });
}
