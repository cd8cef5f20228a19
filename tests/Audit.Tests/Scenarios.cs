using Alba;
using Platform.Audit.Log;
using Platform.Contracts.Keys;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys.Accounts;
using Platform.Keys.ApiKeys;

namespace Platform.Audit.Tests;

public static class Scenarios
{
    public static readonly Guid Account = Guid.Parse("0193a1d2-0000-7000-8000-000000000002");

    /// <summary>A fresh account on the Keys host, and a key issued by its admin key.</summary>
    public static async Task<(Guid Account, IssuedKey Key)> IssueKeyAsync(this IAlbaHost keys)
    {
        await using var session = keys.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var account = await AccountBootstrap.CreateAsync(session, Guid.CreateVersion7(), "audited", DateTimeOffset.UtcNow, CancellationToken.None);
        // The admin key reaches Keys' in-memory index through a notification: retry until it has.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var result = await keys.Scenario(s =>
            {
                s.WithRequestHeader("Authorization", $"Bearer {account.AdminKey.Secret}");
                s.Post.Json(new IssueKey("audited", "live", ["usage:read"], null)).ToUrl("/api/keys");
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode == 201) return (account.Account.Id, (await result.ReadAsJsonAsync<IssuedKey>())!);
            await Task.Delay(50);
        }
        throw new TimeoutException("the admin key never became usable");
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
