using Platform.Testing;

namespace Platform.Keys.Tests;

public class ServiceSurfaceTests(ServiceFixture<KeysApi> fixture) : ServiceSurfaceContract<KeysApi>(fixture, "keys")
{
    [Fact]
    public async Task openapi_document_describes_the_create_key_route() =>
        (await Host.GetTextAsync("/openapi/v1.json")).ShouldContain("\"/api/keys\"");
}
