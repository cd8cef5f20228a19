using Platform.Testing;

namespace Platform.Agents.Tests;

public class ServiceSurfaceTests(AgentsFixture fixture) : IClassFixture<AgentsFixture>
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task health_endpoints_answer_healthy(string path) =>
        (await fixture.Host.GetTextAsync(path)).ShouldBe("Healthy");

    [Fact]
    public async Task openapi_document_is_published() =>
        (await fixture.Host.GetTextAsync("/openapi/v1.json")).ShouldContain("\"openapi\"");

    [Fact]
    public async Task its_inbox_and_outbox_live_in_its_own_schema_and_its_queue_in_the_shared_transport_schema()
    {
        (await ServiceSurface.TablesAsync("agents")).ShouldContain("wolverine_incoming_envelopes");
        (await ServiceSurface.TablesAsync("agents")).ShouldContain("wolverine_outgoing_envelopes");
        (await ServiceSurface.TablesAsync("transport")).ShouldContain("wolverine_queue_agents");
    }
}
