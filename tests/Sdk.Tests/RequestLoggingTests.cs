using Platform.Testing;

namespace Platform.Sdk.Tests;

/// <summary>The samples' logs never hold a credential sent in the query string (OAuth's ?access_token=, RFC 6750 §2.3).</summary>
[Collection(nameof(PlatformCollection))]
public sealed class RequestLoggingTests(PlatformFixture fixture)
{
    private static readonly string Token = "sk_live_" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task the_sample_api_never_logs_a_query_string_credential()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = await fixture.StartApiAsync(fixture.OperatorKey, logs: logs);

        await api.SendAsync(s => s.Get.Url($"/v1/models?access_token={Token}"));

        logs.Lines.ShouldNotBeEmpty();
        logs.Holding(Token).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_sample_mcp_server_never_logs_a_query_string_credential()
    {
        var logs = new CapturingLoggerProvider();
        await using var mcp = await fixture.StartMcpServerAsync(logs);

        await mcp.SendAsync(s => s.Get.Url($"/mcp?access_token={Token}"));

        logs.Lines.ShouldNotBeEmpty();
        logs.Holding(Token).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("GET", "/no-such-route", 404)]
    [InlineData("DELETE", "/v1/models", 405)]
    public async Task the_sample_apis_bodiless_framework_errors_come_in_the_seed_shape(string method, string url, int status)
    {
        var (answered, body, _) = await fixture.Api.SendAsync(s =>
        {
            if (method == "GET") s.Get.Url(url);
            else s.Delete.Url(url);
        });

        answered.ShouldBe(status, body);
        body.ShouldBeSeedError(status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status));
    }
}
