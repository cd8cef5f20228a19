using System.Net;
using System.Text.Json;
using Platform.Sdk.ResourceServer;

namespace Platform.Sdk.Tests;

/// <summary>RFC 9728: a protected API tells clients, from a 401 on, which authorization server to use.</summary>
[Collection(nameof(PlatformCollection))]
public class ProtectedResourceMetadataTests(PlatformFixture platform)
{
    private const string Resource = "https://api.platform.test/v1";

    [Fact]
    public async Task the_metadata_names_the_resource_and_the_platforms_issuer_and_a_401_points_at_it()
    {
        await using var api = await platform.StartApiAsync(apiKey: null, resource: Resource);

        var metadata = await api.Scenario(s => s.Get.Url("/.well-known/oauth-protected-resource/v1"));
        var body = JsonDocument.Parse(await metadata.ReadAsTextAsync()).RootElement;
        body.GetProperty("resource").GetString().ShouldBe(Resource);
        var discovery = await platform.Tokens.Scenario(s => s.Get.Url("/.well-known/oauth-authorization-server"));
        var issuer = JsonDocument.Parse(await discovery.ReadAsTextAsync()).RootElement.GetProperty("issuer").GetString();
        body.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).ShouldBe([issuer]);
        body.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ShouldContain("chat:completions");
        body.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(["header"]);

        var refused = await api.Scenario(s =>
        {
            s.Get.Url("/v1/models");
            s.StatusCodeShouldBe(HttpStatusCode.Unauthorized);
        });
        refused.Context.Response.Headers.WWWAuthenticate.ToString()
            .ShouldBe("Bearer resource_metadata=\"https://api.platform.test/.well-known/oauth-protected-resource/v1\"");
    }

    [Fact]
    public void the_metadata_path_inserts_the_well_known_segment_before_the_resource_path()
    {
        ProtectedResourceMetadata.UrlFor("https://mcp.example.com/mcp").ShouldBe("https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
        ProtectedResourceMetadata.UrlFor("https://api.example.com").ShouldBe("https://api.example.com/.well-known/oauth-protected-resource");
    }
}
