using Alba;

namespace Platform.Keys.Tests;

public class ServiceSurfaceTests(KeysFixture fixture) : KeysContext(fixture)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task health_endpoints_answer_healthy(string path)
    {
        var result = await Host.Scenario(s => s.Get.Url(path));
        (await result.ReadAsTextAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task openapi_document_describes_the_create_key_route()
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        (await result.ReadAsTextAsync()).ShouldContain("\"/api/keys\"");
    }
}
