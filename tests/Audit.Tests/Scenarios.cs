using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Audit.Log;
using Platform.Contracts.Keys;
using Platform.Keys.Accounts;
using Platform.Keys.ApiKeys;

namespace Platform.Audit.Tests;

public static class Scenarios
{
    public static Scenario As(this Scenario s, string? key)
    {
        if (key is not null) s.WithRequestHeader("Authorization", $"Bearer {key}");
        return s;
    }

    /// <summary>A new account on the Keys host and its admin key, once Keys' index accepts it.</summary>
    public static async Task<(Guid Account, string Admin)> CreateAccountAsync(this IAlbaHost keys)
    {
        await using var session = keys.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var created = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), "audited", DateTimeOffset.UtcNow, CancellationToken.None);
        // The admin key reaches Keys' in-memory index through a notification: retry until it has.
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var result = await keys.Scenario(s =>
            {
                s.Post.Json(new VerifyKey(created.AdminKey.Secret, [])).ToUrl("/api/keys/verify");
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode == 200) return (created.Account.Id, created.AdminKey.Secret);
            await Task.Delay(25);
        }
        throw new TimeoutException("the admin key never became usable");
    }

    public static async Task<IssuedKey> IssueKeyAsync(this IAlbaHost keys, string admin, string scope = "usage:read")
    {
        var result = await keys.Scenario(s =>
        {
            s.As(admin).Post.Json(new IssueKey("audited", "live", [scope], null)).ToUrl("/api/keys");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<IssuedKey>())!;
    }

    public static async Task<(int Status, string Body)> SendAsync(this IAlbaHost host, Action<Scenario> request, string? asKey)
    {
        var result = await host.Scenario(s =>
        {
            s.As(asKey);
            request(s);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    public static async Task<AuditPage> PageAsync(this IAlbaHost audit, string admin, string query)
    {
        var result = await audit.Scenario(s =>
        {
            s.As(admin).Get.Url($"/api/audit/events{query}");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<AuditPage>())!;
    }

    public static async Task<IReadOnlyList<AuditEntry>> EventsForAsync(this IAlbaHost audit, string admin, Guid subject) =>
        (await audit.PageAsync(admin, $"?subject={subject}&order=asc")).Items;

    /// <summary>Polls until the subject has <paramref name="count"/> entries; delivery crosses a real queue, so it is eventual.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> WaitForEventsAsync(this IAlbaHost audit, string admin, Guid subject, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var entries = await audit.EventsForAsync(admin, subject);
            if (entries.Count >= count || DateTime.UtcNow > deadline) return entries;
            await Task.Delay(100);
        }
    }

    public static async Task<Integrity.ChainVerification> VerifyAsync(this IAlbaHost audit, string admin, string query = "")
    {
        var result = await audit.Scenario(s =>
        {
            s.As(admin).Get.Url($"/api/audit/verify{query}");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<Integrity.ChainVerification>())!;
    }

    public static KeyIssued AKeyIssued(Guid keyId, Guid account) => new(
        Guid.CreateVersion7(), keyId, account, "replayed", "test", ["models:read"], "sk_test_...abcd", null, "tester",
        DateTimeOffset.UtcNow);
}

public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {seconds} s");
            await Task.Delay(25);
        }
    }
}

public static class Json
{
    public static T Read<T>(string body) => System.Text.Json.JsonSerializer.Deserialize<T>(body, System.Text.Json.JsonSerializerOptions.Web)!;
}
