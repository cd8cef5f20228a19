using Alba;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Tests;

public static class Scenarios
{
    public static readonly Guid Account = Guid.Parse("0193a1d2-0000-7000-8000-000000000001");

    public static IssueKey AKey(string environment = "live", params string[] scopes) =>
        new(Account, "my-ai-agent-prod", environment, scopes.Length == 0 ? ["chat:completions"] : scopes, null);

    public static async Task<IssuedKey> IssueAsync(this IAlbaHost host, IssueKey command)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(command).ToUrl("/api/keys");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<IssuedKey>())!;
    }
}
