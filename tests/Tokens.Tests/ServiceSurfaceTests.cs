using Platform.Testing;

namespace Platform.Tokens.Tests;

public class ServiceSurfaceTests(ServiceFixture<TokensApi> fixture) : ServiceSurfaceContract<TokensApi>(fixture, "tokens")
{
    protected override string[] ErrorSchemas => ["Refusal", "OAuthErrorBody"];

    [Fact]
    public async Task the_oauth_endpoints_document_rfc_6749_errors_and_the_management_api_the_seed_shape()
    {
        var operations = await OperationsAsync();

        var token = OpenApiOperations.Find(operations, "POST", "/oauth/token");
        token.Success.ShouldHaveSingleItem().ShouldBe(new OpenApiOperations.Answer(200, "TokenResponse"));
        token.Errors.ShouldAllBe(e => e.Schema == "OAuthErrorBody");
        OpenApiOperations.Find(operations, "POST", "/api/clients/{id}/disable").ErrorStatuses().ShouldBe([400, 401, 403, 404, 409], ignoreOrder: true);
        OpenApiOperations.Find(operations, "POST", "/api/clients/{id}/disable").Errors.ShouldAllBe(e => e.Schema == "Refusal");
        operations.ShouldNotContain(o => o.Path == "/oauth/login", "a browser's page is not part of the API's document");
    }

    [Fact]
    public async Task the_other_protocol_endpoints_document_their_answers_from_their_types()
    {
        var operations = await OperationsAsync();

        foreach (var path in (string[])["/oauth/token", "/oauth/introspect", "/oauth/revoke"])
            OpenApiOperations.Find(operations, "POST", path).Errors.ShouldBe([new(400, "OAuthErrorBody"), new(401, "OAuthErrorBody")], ignoreOrder: true);
        OpenApiOperations.Find(operations, "POST", "/oauth/revoke").Success.ShouldBe([new(200, null)]);
        OpenApiOperations.Find(operations, "GET", "/.well-known/oauth-authorization-server").Success.ShouldBe([new(200, "ServerMetadata")]);
        OpenApiOperations.Find(operations, "GET", "/.well-known/jwks.json").Success.ShouldBe([new(200, "PublishedKeys")]);
        var register = OpenApiOperations.Find(operations, "POST", "/oauth/register");
        register.Success.ShouldBe([new(201, "RegisteredMetadata")]);
        register.ErrorStatuses().ShouldBe([400, 404, 429], ignoreOrder: true);
        OpenApiOperations.Find(operations, "POST", "/api/oauth/v1/token").Success.ShouldBe([new(200, "SimcelToken")]);
    }

    [Fact]
    public async Task the_people_operations_document_their_answers()
    {
        var operations = await OperationsAsync();

        OpenApiOperations.Answer[] noContent = [new(204, null)];
        OpenApiOperations.Find(operations, "GET", "/api/users/me").Success.ShouldBe([new(200, "CurrentUser")]);
        OpenApiOperations.Find(operations, "GET", "/api/users/me/sessions").Success.ShouldBe([new(200, "SessionList")]);
        OpenApiOperations.Find(operations, "POST", "/api/users/{id}/require-password-change").Success.ShouldBe([new(200, "UserView")]);
        OpenApiOperations.Find(operations, "DELETE", "/api/users/{id}").Success.ShouldBe(noContent);
        OpenApiOperations.Find(operations, "DELETE", "/api/users/{id}").ErrorStatuses().ShouldBe([400, 401, 403, 404, 409], ignoreOrder: true);
        OpenApiOperations.Find(operations, "POST", "/api/users/me/password").ErrorStatuses().ShouldBe([400, 401, 403, 404, 409, 429], ignoreOrder: true);
        OpenApiOperations.Find(operations, "DELETE", "/api/users/me/sessions/{id}").Success.ShouldBe(noContent);
        operations.ShouldNotContain(o => o.Path == "/oauth/password", "the change form is a browser's page");
    }
}
