using System.Net;
using Platform.Contracts;
using Platform.Keys.ApiKeys;
using Platform.Tokens.Protocol;
using Platform.Tokens.Registration;

namespace Platform.Tokens.Tests;

/// <summary>
/// accounts:manage is held only in an operator account: by its users, its clients and their tokens. The test account's
/// admin key holds it (Keys' bootstrap makes operator accounts); what Tokens has heard of the account decides the rest.
/// </summary>
public class OperatorScopeTests(TokensFixture fixture) : TokensContext(fixture)
{
    private const string Refused = """{"statusCode":400,"error":"Bad Request","message":"scope 'accounts:manage' can be held only in an operator account"}""";

    [Fact]
    public async Task accounts_manage_is_refused_to_users_and_clients_of_an_account_that_is_not_an_operator()
    {
        await AccountNews.OpenedAsync(Tokens, AccountId, @operator: false);

        var user = await CreateUserAsync(Scopes.AccountsManage);
        var client = await RegisterAsync(Scopes.AccountsManage, Scopes.KeysManage);

        (user.Status, user.Text).ShouldBe((HttpStatusCode.BadRequest, Refused));
        (client.Status, client.Text).ShouldBe((HttpStatusCode.BadRequest, Refused));
        (await CreateUserAsync(Scopes.Admin)).Status.ShouldBe(HttpStatusCode.Created, "everything else is as before");
    }

    [Fact]
    public async Task accounts_manage_is_given_only_by_a_credential_that_holds_it()
    {
        var manager = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("manager", "live", [Scopes.KeysManage, Scopes.Admin], null));

        var user = await CreateUserAsync([Scopes.AccountsManage], manager.Secret);

        (user.Status, user.Json.GetProperty("message").GetString())
            .ShouldBe((HttpStatusCode.BadRequest, "scope 'accounts:manage' can be given only by a credential that holds it (an operator's)"));
    }

    [Fact]
    public async Task an_operator_account_gives_accounts_manage_to_its_users_and_clients_and_their_tokens_carry_it()
    {
        await AccountNews.OpenedAsync(Tokens, AccountId, @operator: true);

        (await CreateUserAsync(Scopes.AccountsManage, Scopes.Admin)).Status.ShouldBe(HttpStatusCode.Created);
        var client = await Api.RegisterAsync(scopes: [Scopes.AccountsManage, Scopes.KeysManage]);
        var token = await Api.ClientCredentialsAsync(client, Scopes.AccountsManage);

        token.Status.ShouldBe(HttpStatusCode.OK, token.Text);
        token.Str("scope").ShouldBe(Scopes.AccountsManage);
        var flow = await CodeFlow.StartAsync(Api, clientScopes: [Scopes.AccountsManage], userScopes: [Scopes.AccountsManage]);
        var signedIn = await flow.RedeemAsync((await flow.SignInAsync(new Browser(Tokens), scope: Scopes.AccountsManage))["code"]);
        signedIn.Status.ShouldBe(HttpStatusCode.OK, signedIn.Text);
        signedIn.Str("scope").ShouldBe(Scopes.AccountsManage);
    }

    [Fact]
    public async Task no_token_carries_accounts_manage_once_the_account_is_known_not_to_be_an_operator()
    {
        // Registered before Tokens heard of the account, on the word of the operator's key that gave it.
        var client = await Api.RegisterAsync(scopes: [Scopes.AccountsManage, "plans:read"]);
        var key = await KeyApi.IssueAsync(Keys, Admin, new IssueKey("operator", "live", [Scopes.AccountsManage], null));
        await AccountNews.OpenedAsync(Tokens, AccountId, @operator: false);

        var refused = await Api.ClientCredentialsAsync(client);
        var exchanged = await Api.PostFormAsync("/oauth/token", new Dictionary<string, string>
        {
            [OAuthParameters.GrantType] = GrantTypes.TokenExchange, [OAuthParameters.SubjectToken] = key.Secret, [OAuthParameters.SubjectTokenType] = TokenTypes.ApiKey,
        });

        foreach (var answer in new[] { refused, exchanged })
        {
            answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
            (answer.Str("error"), answer.Str("error_description")).ShouldBe((OAuthErrors.InvalidScope, "scope 'accounts:manage' is for operator accounts only"));
        }
        (await Api.ClientCredentialsAsync(client, "plans:read")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void a_self_registered_client_never_holds_accounts_manage_whatever_the_configuration_allows()
    {
        var settings = new RegistrationOptions { AllowedScopes = ["plans:read", Scopes.AccountsManage] };
        ClientMetadata Asking(string? scope) => new(["https://app.example.com/callback"], "mcp client", null, null, null, scope);

        RegisterDynamicClientEndpoint.Decide(Asking(Scopes.AccountsManage), settings).Problem.ShouldNotBeNull();
        RegisterDynamicClientEndpoint.Decide(Asking(null), settings).Accepted!.Scopes.ShouldBe(["plans:read"]);
    }

    private Task<Answer> CreateUserAsync(params string[] scopes) => CreateUserAsync(scopes, key: null);

    private Task<Answer> CreateUserAsync(string[] scopes, string? key) =>
        Api.ManageAsync(HttpMethod.Post, "/api/users", new { email = $"op-{Guid.NewGuid():N}@example.com", password = "a long enough password", scopes }, key);

    private Task<Answer> RegisterAsync(params string[] scopes) =>
        Api.ManageAsync(HttpMethod.Post, "/api/clients", new { name = "operator console", type = "confidential", grantTypes = new[] { GrantTypes.ClientCredentials }, scopes });
}
