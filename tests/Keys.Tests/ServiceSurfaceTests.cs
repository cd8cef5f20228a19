using Platform.Testing;

namespace Platform.Keys.Tests;

public class ServiceSurfaceTests(ServiceFixture<KeysApi> fixture) : ServiceSurfaceContract<KeysApi>(fixture, "keys")
{
    [Fact]
    public async Task openapi_document_describes_the_create_key_route() =>
        (await Host.GetTextAsync("/openapi/v1.json")).ShouldContain("\"/api/keys\"");

    [Fact]
    public async Task a_key_command_documents_what_it_answers_and_refuses()
    {
        var operations = await OperationsAsync();

        OpenApiOperations.Find(operations, "POST", "/api/keys/{id}/revoke").ErrorStatuses().ShouldBe([400, 401, 403, 404, 409], ignoreOrder: true);
        OpenApiOperations.Find(operations, "POST", "/api/keys/{id}/revoke").Success.ShouldHaveSingleItem().Schema.ShouldBe("KeyView");
        OpenApiOperations.Find(operations, "GET", "/api/keys/{id}").Success.ShouldHaveSingleItem().Schema.ShouldBe("KeyView");
        OpenApiOperations.Find(operations, "POST", "/api/keys").Success.ShouldHaveSingleItem().ShouldBe(new OpenApiOperations.Answer(201, "IssuedKey"));
        OpenApiOperations.Find(operations, "POST", "/api/keys/verify").ErrorStatuses().ShouldBe([400, 401, 403, 415, 429, 503], ignoreOrder: true);
    }
}
