using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(PlatformCollection))]
public class SampleApiTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_sample_api_behind_the_gateway_serves_a_key_with_the_scope_and_refuses_one_without()
    {
        (await platform.Gateway.GetStringAsync("/sample-api/health", Ct)).ShouldBe("Healthy");
        var chat = await IssueAsync("chat:completions");
        var models = await IssueAsync("models:read");

        (await ChatAsync(chat)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var forbidden = await ChatAsync(models);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await forbidden.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString().ShouldBe("Forbidden");
        var missing = await ChatAsync(null);
        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        missing.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    private async Task<string> IssueAsync(string scope)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Content = JsonContent.Create(new { name = "sample-caller", environment = "live", scopes = new[] { scope } }),
            Headers = { Authorization = new("Bearer", platform.AdminKey) },
        };
        var created = await platform.Gateway.SendAsync(request, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString()!;
    }

    private async Task<HttpResponseMessage> ChatAsync(string? key)
    {
        // Keys' index may take a moment to hear of a new key on every replica: a 401 is retried briefly.
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
            {
                Content = JsonContent.Create(new { model = "mistral-small-latest", messages = new[] { new { role = "user", content = "Hello" } } }),
            };
            if (key is not null) request.Headers.Authorization = new("Bearer", key);
            var response = await platform.Gateway.SendAsync(request, Ct);
            if (key is null || response.StatusCode != HttpStatusCode.Unauthorized || attempt == 50) return response;
            await Task.Delay(100, Ct);
        }
    }
}
