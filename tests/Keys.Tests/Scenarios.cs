using Alba;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Tests;

public static class Scenarios
{
    public static IssueKey AKey(string environment = "live", params string[] scopes) =>
        new("my-ai-agent-prod", environment, scopes.Length == 0 ? ["chat:completions"] : scopes, null);

    public static Scenario As(this Scenario s, string? key)
    {
        if (key is not null) s.WithRequestHeader("Authorization", $"Bearer {key}");
        return s;
    }

    public static async Task<IssuedKey> IssueAsync(this IAlbaHost host, string admin, IssueKey command)
    {
        var result = await host.Scenario(s =>
        {
            s.As(admin).Post.Json(command).ToUrl("/api/keys");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<IssuedKey>())!;
    }
}

public static class KeyRequests
{
    public static async Task<(int Status, string Body)> SendAsync(this IAlbaHost host, Action<Scenario> request, string? asKey = null)
    {
        var result = await host.Scenario(s =>
        {
            s.As(asKey);
            request(s);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    public static Task<(int Status, string Body)> CommandAsync(this IAlbaHost host, string admin, Guid id, string verb, object? body = null, string? ifMatch = null) =>
        host.SendAsync(s =>
        {
            if (body is null) s.Post.Url($"/api/keys/{id}/{verb}");
            else s.Post.Json(body).ToUrl($"/api/keys/{id}/{verb}");
            if (ifMatch is not null) s.WithRequestHeader("If-Match", ifMatch);
        }, admin);

    public static Task<(int Status, string Body)> VerifyAsync(this IAlbaHost host, string secret, params string[] scopes) =>
        host.SendAsync(s => s.Post.Json(new { key = secret, scopes }).ToUrl("/api/keys/verify"));

    /// <summary>Verification reads an index that PostgreSQL notifications update: poll until it reflects a change.</summary>
    public static async Task<TimeSpan> VerifyUntilAsync(this IAlbaHost host, string secret, int status, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if ((await host.VerifyAsync(secret)).Status == status) return clock.Elapsed;
            if (clock.Elapsed > timeout) throw new TimeoutException($"verify did not answer {status} within {timeout.TotalSeconds} s");
            await Task.Delay(10);
        }
    }
}
