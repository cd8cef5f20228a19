using Alba;
using Platform.Audit.Log;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;

namespace Platform.Audit.Tests;

public static class Scenarios
{
    public static readonly Guid Account = Guid.Parse("0193a1d2-0000-7000-8000-000000000002");

    public static async Task<IssuedKey> IssueKeyAsync(this IAlbaHost keys)
    {
        var result = await keys.Scenario(s =>
        {
            s.Post.Json(new IssueKey(Account, "audited", "live", ["usage:read"], null)).ToUrl("/api/keys");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<IssuedKey>())!;
    }

    public static async Task<IReadOnlyList<AuditEntry>> EventsForAsync(this IAlbaHost audit, Guid subject)
    {
        var result = await audit.Scenario(s => s.Get.Url($"/api/audit/events?subject={subject}"));
        return (await result.ReadAsJsonAsync<AuditPage>())!.Items;
    }

    /// <summary>Polls until the subject has an entry; delivery crosses a real queue, so it is eventual.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> WaitForEventsAsync(this IAlbaHost audit, Guid subject, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var entries = await audit.EventsForAsync(subject);
            if (entries.Count > 0 || DateTime.UtcNow > deadline) return entries;
            await Task.Delay(100);
        }
    }

    public static KeyIssued AKeyIssued(Guid keyId) => new(
        Guid.CreateVersion7(), keyId, Account, "replayed", "test", ["models:read"], "sk_test_...abcd", null, "tester",
        DateTimeOffset.UtcNow);
}
