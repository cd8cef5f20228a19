using System.Text.Json;
using Platform.Keys.Usage;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class UsageTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private async Task<KeyUsage> UsageWhenAsync(Guid id, Func<KeyUsage, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30); // flushed every few seconds, off the hot path
        while (true)
        {
            var usage = JsonSerializer.Deserialize<KeyUsage>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{id}/usage"), Admin)).Body, JsonSerializerOptions.Web)!;
            if (done(usage) || DateTime.UtcNow > deadline) return usage;
            await Task.Delay(250, Ct);
        }
    }

    [Fact]
    public async Task verifications_are_counted_per_minute_with_the_last_use_and_its_ip()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.VerifyUntilAsync(key.Secret, 200, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
            await Host.SendAsync(s => s.Post.Json(new { key = key.Secret, ip = "203.0.113.7" }).ToUrl("/api/keys/verify"));

        var usage = await UsageWhenAsync(key.Id, u => u.Total >= 4);

        usage.Total.ShouldBe(4); // the first successful VerifyUntil call counts too
        usage.Minutes.Sum(m => m.Count).ShouldBe(4);
        usage.Ips.ShouldContain("203.0.113.7");
        usage.LastUsedAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-2));
    }

    [Fact]
    public async Task refused_verifications_are_not_counted_and_the_account_view_lists_only_its_keys()
    {
        var used = await Host.IssueAsync(Admin, Scenarios.AKey());
        var revoked = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.CommandAsync(Admin, revoked.Id, "revoke", new Platform.Keys.ApiKeys.RevokeKey("x"));
        await Host.VerifyUntilAsync(used.Secret, 200, TimeSpan.FromSeconds(10));
        await Host.VerifyUntilAsync(revoked.Secret, 401, TimeSpan.FromSeconds(10));
        var (_, otherAdmin) = await Host.CreateAccountAsync();
        await UsageWhenAsync(used.Id, u => u.Total >= 1);

        var account = JsonSerializer.Deserialize<AccountUsage>((await Host.SendAsync(s => s.Get.Url("/api/keys/usage"), Admin)).Body, JsonSerializerOptions.Web)!;
        var other = JsonSerializer.Deserialize<AccountUsage>((await Host.SendAsync(s => s.Get.Url("/api/keys/usage"), otherAdmin)).Body, JsonSerializerOptions.Web)!;

        account.Keys.Select(k => k.KeyId).ShouldContain(used.Id);
        account.Keys.Select(k => k.KeyId).ShouldNotContain(revoked.Id);
        other.Keys.Select(k => k.KeyId).ShouldNotContain(used.Id);
    }

    [Theory]
    [InlineData("/api/keys/usage?from=yesterday")]
    [InlineData("/api/keys/usage?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/api/keys/usage?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task a_bad_range_is_400(string url) =>
        (await Host.SendAsync(s => s.Get.Url(url), Admin)).Status.ShouldBe(400);

    [Fact]
    public async Task a_malformed_ip_is_400() =>
        (await Host.SendAsync(s => s.Post.Json(new { key = "sk_live_x", ip = "999.1.1.1" }).ToUrl("/api/keys/verify"))).ShouldBe(
            (400, """{"statusCode":400,"error":"Bad Request","message":"ip must be an IP address"}"""));
}
