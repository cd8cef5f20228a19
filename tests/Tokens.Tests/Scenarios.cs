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
