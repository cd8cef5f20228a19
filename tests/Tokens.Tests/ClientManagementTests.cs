using System.Net;
using Platform.Keys.ApiKeys;
using Platform.Tokens.Protocol;

namespace Platform.Tokens.Tests;

public class ClientManagementTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task a_confidential_client_gets_its_secret_once_and_never_again()
    {
        var client = await Api.RegisterAsync();

        client.ClientSecret.ShouldStartWith("cs_");
        var read = await Api.ManageAsync(HttpMethod.Get, $"/api/clients/{client.ClientId}");
        read.Status.ShouldBe(HttpStatusCode.OK);
        read.Text.ShouldNotContain(client.ClientSecret!);
        read.Text.ShouldNotContain("secret\":\"");
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients")).Text.ShouldNotContain(client.ClientSecret!);
    }

    [Fact]
    public async Task a_public_client_has_no_secret_and_may_not_use_client_credentials()
    {
        var client = await Api.RegisterAsync("public", [GrantTypes.AuthorizationCode], redirects: ["https://app.example.com/cb"]);
        client.ClientSecret.ShouldBeNull();

        var answer = await Api.ManageAsync(HttpMethod.Post, "/api/clients", new { name = "x", type = "public", grantTypes = new[] { "client_credentials" } });
        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Str("message").ShouldContain("public client");
    }

    [Fact]
    public async Task clients_are_listed_newest_first_in_pages_of_the_callers_account_only()
    {
        var registered = new List<Guid>();
        for (var i = 0; i < 3; i++) registered.Add((await Api.RegisterAsync()).ClientId);
        var (_, otherAdmin) = await CreateAccountAsync(Keys);
        await new OAuthClientApi(Tokens, otherAdmin).RegisterAsync();

        var page = await Api.ManageAsync(HttpMethod.Get, "/api/clients?limit=2");
        var ids = page.Json.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("clientId").GetGuid()).ToList();
        ids.ShouldBe([registered[2], registered[1]]);
        var next = await Api.ManageAsync(HttpMethod.Get, $"/api/clients?limit=2&after={page.Str("next")}");
        next.Json.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("clientId").GetGuid()).ShouldBe([registered[0]]);
    }

    [Fact]
    public async Task clients_are_found_by_a_part_of_their_name_or_their_id_in_the_callers_account_only()
    {
        var mine = await Api.ManageAsync(HttpMethod.Post, "/api/clients", new Platform.Tokens.Clients.RegisterClient("Nightly Export", "confidential", null, ["usage:read"], [GrantTypes.ClientCredentials]));
        var id = mine.Json.GetProperty("clientId").GetGuid();
        var (_, otherAdmin) = await CreateAccountAsync(Keys);
        await new OAuthClientApi(Tokens, otherAdmin).ManageAsync(HttpMethod.Post, "/api/clients", new Platform.Tokens.Clients.RegisterClient("nightly export too", "confidential", null, ["usage:read"], [GrantTypes.ClientCredentials]));

        async Task<Guid[]> Find(string q) => [.. (await Api.ManageAsync(HttpMethod.Get, $"/api/clients?q={Uri.EscapeDataString(q)}"))
            .Json.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("clientId").GetGuid())];

        (await Find("night")).ShouldBe([id]);
        (await Find("EXPORT")).ShouldBe([id]);
        (await Find(id.ToString())).ShouldBe([id]);
        (await Find("%")).ShouldBeEmpty();
        (await Api.ManageAsync(HttpMethod.Get, $"/api/clients?q={new string('a', 101)}")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task another_accounts_client_is_not_found()
    {
        var client = await Api.RegisterAsync();
        var (_, otherAdmin) = await CreateAccountAsync(Keys);

        (await Api.ManageAsync(HttpMethod.Get, $"/api/clients/{client.ClientId}", key: otherAdmin)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/disable", new { }, otherAdmin)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/rotate-secret", new { }, otherAdmin)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task management_needs_a_live_key_with_keys_manage()
    {
        var reader = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("reader", "live", ["plans:read"], null));

        var noKey = await Answer.From(await Api.Http.GetAsync("/api/clients", Ct));
        noKey.Status.ShouldBe(HttpStatusCode.Unauthorized, noKey.Text);
        noKey.Json.GetProperty("statusCode").GetInt32().ShouldBe(401);
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: reader.Secret)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: "sk_live_bogus")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_revoked_management_key_is_refused_at_once()
    {
        var manager = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("manager", "live", ["keys:manage"], null));
        (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: manager.Secret)).Status.ShouldBe(HttpStatusCode.OK);

        await KeyApi.RevokeAsync(Keys, Admin, manager.Id);

        await Wait.Until(async () => (await Api.ManageAsync(HttpMethod.Get, "/api/clients", key: manager.Secret)).Status == HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, string> BadRegistrations() => new()
    {
        { """{"type":"confidential","grantTypes":["client_credentials"]}""", "name is required" },
        { """{"name":"x","type":"secretive","grantTypes":["client_credentials"]}""", "type must be" },
        { """{"name":"x","type":"confidential","grantTypes":[]}""", "at least one grant" },
        { """{"name":"x","type":"confidential","grantTypes":["password"]}""", "unknown grant type" },
        { """{"name":"x","type":"confidential","grantTypes":["client_credentials"],"scopes":["root"]}""", "unknown scope" },
        { """{"name":"x","type":"public","grantTypes":["authorization_code"]}""", "needs at least one redirect URI" },
        { """{"name":"x","type":"public","grantTypes":["authorization_code"],"redirectUris":["http://app.example.com/cb"]}""", "must use https" },
        { """{"name":"x","type":"public","grantTypes":["authorization_code"],"redirectUris":["https://app.example.com/cb#frag"]}""", "fragment" },
        { """{"name":"x","type":"public","grantTypes":["authorization_code"],"redirectUris":["/relative"]}""", "absolute" },
        { """{"name":"x","type":"public","grantTypes":["authorization_code"],"redirectUris":["javascript:alert(1)"]}""", "must use https" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task a_bad_registration_is_400_with_the_reason(string body, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/clients") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", Admin);

        var answer = await Answer.From(await Api.Http.SendAsync(request, Ct));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.Str("message").ShouldContain(reason);
    }

    [Fact]
    public async Task loopback_http_and_private_schemes_are_valid_redirect_uris()
    {
        var client = await Api.RegisterAsync("public", [GrantTypes.AuthorizationCode], redirects: ["http://127.0.0.1:8765/cb", "http://localhost/cb", "com.example.app:/oauth"]);

        client.Client.RedirectUris.Length.ShouldBe(3);
    }
}
