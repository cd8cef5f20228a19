using Platform.Testing;

namespace Platform.Agents.Tests;

public class ServiceSurfaceTests(ServiceFixture<AgentsApi> fixture) : ServiceSurfaceContract<AgentsApi>(fixture, "agents")
{
    [Fact]
    public async Task minting_and_verifying_document_what_they_answer_and_refuse()
    {
        var operations = await OperationsAsync();

        OpenApiOperations.Find(operations, "POST", "/api/agents").Success.ShouldHaveSingleItem().ShouldBe(new OpenApiOperations.Answer(201, "MintedCredential"));
        // Minting under a key by id also refuses a key of another account (404) or one not active (409).
        OpenApiOperations.Find(operations, "POST", "/api/agents").ErrorStatuses().ShouldBe([400, 401, 403, 404, 409, 503], ignoreOrder: true);
        OpenApiOperations.Find(operations, "POST", "/api/agents/verify").ErrorStatuses().ShouldBe([400, 401, 403, 415, 429, 503], ignoreOrder: true);
        OpenApiOperations.Find(operations, "GET", "/api/agents/changes").Success.ShouldHaveSingleItem().Schema.ShouldBe("FeedEvent");
    }
}
