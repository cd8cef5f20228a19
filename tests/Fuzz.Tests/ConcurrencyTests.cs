using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.EndToEnd.Tests;

namespace Platform.Fuzz.Tests;

/// <summary>Racing requests on one unique value: exactly one wins, the others get a 409 in the seed shape, never a 5xx.</summary>
public class ConcurrencyTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task six_concurrent_users_with_one_email_make_one_user_and_five_conflicts()
    {
        var email = $"race-{Guid.NewGuid():N}@example.com";
        var answers = await RaceAsync(() => Request(HttpMethod.Post, "/api/users", new { email, password = "correct horse battery", scopes = new[] { "models:read" } }));

        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1, Describe(answers));
        answers.Where(a => a.Status != HttpStatusCode.Created).ShouldAllBe(a => a.Status == HttpStatusCode.Conflict && a.Body.Contains("\"statusCode\":409"), Describe(answers));
    }

    [Fact]
    public async Task six_concurrent_renames_at_one_version_change_the_key_once()
    {
        var key = await Targets.IssueKeyAsync(platform);
        var answers = await RaceAsync(() =>
        {
            var request = Request(HttpMethod.Post, $"/api/keys/{key.Id}/rename", new { name = $"race-{Guid.NewGuid():N}" });
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            return request;
        });

        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, Describe(answers));
        answers.Where(a => a.Status != HttpStatusCode.OK).ShouldAllBe(a => a.Status == HttpStatusCode.Conflict && a.Body.Contains("\"statusCode\":409"), Describe(answers));
    }

    [Fact]
    public async Task concurrent_mints_for_one_agent_id_and_concurrent_client_registrations_never_fail_the_server()
    {
        var key = await Targets.IssueKeyAsync(platform);
        var mints = await RaceAsync(() => Request(HttpMethod.Post, "/api/agents", new { agentId = "race-agent", scopes = new[] { "models:read" } }, key.Secret));
        var clients = await RaceAsync(() => Request(HttpMethod.Post, "/api/clients", new { name = "race-client", type = "confidential", grantTypes = new[] { "client_credentials" }, scopes = new[] { "models:read" } }));

        mints.Concat(clients).ShouldAllBe(a => (int)a.Status < 500, Describe([.. mints, .. clients]));
    }

    private HttpRequestMessage Request(HttpMethod method, string path, object body, string? bearer = null) =>
        new(method, path) { Content = JsonContent.Create(body), Headers = { Authorization = new AuthenticationHeaderValue("Bearer", bearer ?? platform.AdminKey) } };

    private async Task<(HttpStatusCode Status, string Body)[]> RaceAsync(Func<HttpRequestMessage> request)
    {
        var requests = Enumerable.Range(0, 6).Select(_ => request()).ToArray();
        return await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await platform.Gateway.SendAsync(r, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }));
    }

    private static string Describe((HttpStatusCode Status, string Body)[] answers) =>
        string.Join('\n', answers.Select(a => $"{(int)a.Status} {a.Body[..Math.Min(a.Body.Length, 160)]}"));
}
