using Alba;
using Shouldly;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// What every platform service must offer, inherited by one class per service: health, its OpenAPI
/// document, and its storage where the convention puts it (own schema; queue in the shared one).
/// </summary>
public abstract class ServiceSurfaceContract<TService>(ServiceFixture<TService> fixture, string schema)
    : IClassFixture<ServiceFixture<TService>> where TService : class
{
    protected IAlbaHost Host => fixture.Host;

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task health_endpoints_answer_healthy(string path) =>
        (await Host.GetTextAsync(path)).ShouldBe("Healthy");

    [Fact]
    public async Task openapi_document_is_published() =>
        (await Host.GetTextAsync("/openapi/v1.json")).ShouldContain("\"openapi\"");

    [Fact]
    public async Task its_api_reference_page_reads_its_own_document_and_names_the_origin_it_was_read_from_as_the_server()
    {
        // Relative: through the gateway, /keys-api/scalar/ reads /keys-api/openapi/v1.json.
        var page = await Host.GetTextAsync("/scalar/");
        page.ShouldContain("\"url\":\"openapi/v1.json\"");
        page.ShouldContain("src=\"scalar.js\"");
        (await Host.Scenario(s => s.Get.Url("/scalar/scalar.js"))).Context.Response.ContentType.ShouldBe("text/javascript");
        using var document = System.Text.Json.JsonDocument.Parse(await Host.GetTextAsync("/openapi/v1.json"));
        document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString().ShouldBe("/");
    }

    /// <summary>The error bodies this service's document may name: the seed's shape; Tokens' OAuth endpoints add RFC 6749's.</summary>
    protected virtual string[] ErrorSchemas => ["Refusal"];

    protected async Task<IReadOnlyList<OpenApiOperations.Operation>> OperationsAsync()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await Host.GetTextAsync("/openapi/v1.json"));
        return OpenApiOperations.Read(document);
    }

    [Fact]
    public async Task every_operation_documents_a_success_and_its_errors_in_the_shape_they_are_answered_in()
    {
        var operations = await OperationsAsync();

        operations.ShouldNotBeEmpty();
        foreach (var operation in operations)
        {
            operation.Success.ShouldNotBeEmpty($"{operation.Name} documents no success answer");
            foreach (var error in operation.Errors)
                ErrorSchemas.ShouldContain(error.Schema, $"{operation.Name} documents {error.Status} as {error.Schema ?? "no body"}");
        }
        // Problem details are answered in the path's shape (ShapedProblemWriter), so no document may promise them.
        (await Host.GetTextAsync("/openapi/v1.json")).ShouldNotContain("application/problem+json");
    }

    [Fact]
    public async Task its_inbox_and_outbox_live_in_its_own_schema_and_its_queue_in_the_shared_transport_schema()
    {
        var own = await ServiceSurface.TablesAsync(schema);
        own.ShouldContain("wolverine_incoming_envelopes");
        own.ShouldContain("wolverine_outgoing_envelopes");
        (await ServiceSurface.TablesAsync("transport")).ShouldContain($"wolverine_queue_{schema}");
    }
}
