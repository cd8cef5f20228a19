using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys.ApiKeys;
using Platform.Keys.Usage;
using Platform.Keys.Verification;
using Platform.Secrets;
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

    private async Task<AccountUsage> AccountUsageAsync(string admin, string query) =>
        JsonSerializer.Deserialize<AccountUsage>((await Host.SendAsync(s => s.Get.Url($"/api/keys/usage{query}"), admin)).Body, JsonSerializerOptions.Web)!;

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
    public async Task rate_limited_scope_denied_revoked_and_suspended_verifications_are_counted_as_refused_by_reason()
    {
        var limited = await Host.IssueAsync(Admin, Scenarios.AKey() with { RateLimit = new RateLimit(1, 60) });
        var revoked = await Host.IssueAsync(Admin, Scenarios.AKey());
        var suspended = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.VerifyUntilAsync(limited.Secret, 200, TimeSpan.FromSeconds(10));
        (await Host.VerifyAsync(limited.Secret)).Status.ShouldBe(429);
        (await Host.VerifyAsync(limited.Secret, "admin")).Status.ShouldBe(403);
        await Host.CommandAsync(Admin, revoked.Id, "revoke", new RevokeKey("x"));
        await Host.CommandAsync(Admin, suspended.Id, "suspend", new SuspendKey("x"));
        // The replica that answered a revocation or suspension refuses the key at once.
        for (var i = 0; i < 2; i++) (await Host.VerifyAsync(revoked.Secret)).Status.ShouldBe(401);
        (await Host.VerifyAsync(suspended.Secret)).Status.ShouldBe(401);

        var usage = await UsageWhenAsync(limited.Id, u => u.Refused.Total >= 2);
        var gone = await UsageWhenAsync(revoked.Id, u => u.Refused.Total >= 2);
        var paused = await UsageWhenAsync(suspended.Id, u => u.Refused.Total >= 1);

        (usage.Total, usage.Refused).ShouldBe((1L, new KeyRefusals(RateLimited: 1, ScopeDenied: 1, 0, 0, 0)));
        usage.Minutes.Sum(m => m.Count).ShouldBe(1);
        KeyRefusals.Sum(usage.Minutes.Select(m => m.Refused)).ShouldBe(usage.Refused);
        (gone.Total, gone.Refused, gone.LastUsedAt, gone.Ips.Count).ShouldBe((0L, new KeyRefusals(0, 0, Revoked: 2, 0, 0), (DateTimeOffset?)null, 0));
        paused.Refused.ShouldBe(new KeyRefusals(0, 0, 0, Suspended: 1, 0));
    }

    [Fact]
    public async Task malformed_and_unknown_keys_are_counted_under_no_key()
    {
        (await Host.VerifyAsync("sk_live_nope")).Status.ShouldBe(401);
        (await Host.VerifyAsync(SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix()))).Status.ShouldBe(401);
        var used = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.VerifyUntilAsync(used.Secret, 200, TimeSpan.FromSeconds(10));
        await UsageWhenAsync(used.Id, u => u.Total >= 1);

        var account = await AccountUsageAsync(Admin, "");

        account.Refused.ShouldBe(KeyRefusals.None);
    }

    [Fact]
    public async Task the_account_view_has_a_series_over_all_its_keys_and_each_keys_own_and_lists_only_its_keys()
    {
        var used = await Host.IssueAsync(Admin, Scenarios.AKey());
        var revoked = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.CommandAsync(Admin, revoked.Id, "revoke", new RevokeKey("x"));
        await Host.VerifyUntilAsync(used.Secret, 200, TimeSpan.FromSeconds(10));
        await Host.VerifyAsync(used.Secret);
        (await Host.VerifyAsync(revoked.Secret)).Status.ShouldBe(401);
        var (_, otherAdmin) = await Host.CreateAccountAsync();
        await UsageWhenAsync(used.Id, u => u.Total >= 2);
        await UsageWhenAsync(revoked.Id, u => u.Refused.Total >= 1);

        var account = await AccountUsageAsync(Admin, "?bucketMinutes=60");
        var other = await AccountUsageAsync(otherAdmin, "");

        var keys = account.Keys.ToDictionary(k => k.KeyId);
        (keys[used.Id].Total, keys[used.Id].Refused.Total).ShouldBe((2L, 0L));
        (keys[revoked.Id].Total, keys[revoked.Id].Refused.Revoked, keys[revoked.Id].LastUsedAt).ShouldBe((0L, 1L, (DateTimeOffset?)null));
        keys[used.Id].Minutes.Sum(m => m.Count).ShouldBe(2);
        account.BucketMinutes.ShouldBe(60);
        account.Minutes.ShouldAllBe(m => m.Minute.Minute == 0 && m.Minute.Second == 0);
        (account.Total, account.Refused).ShouldBe((account.Keys.Sum(k => k.Total), KeyRefusals.Sum(account.Keys.Select(k => k.Refused))));
        (account.Minutes.Sum(m => m.Count), KeyRefusals.Sum(account.Minutes.Select(m => m.Refused))).ShouldBe((account.Total, account.Refused));
        other.Keys.Select(k => k.KeyId).ShouldNotContain(used.Id);
        other.Keys.Select(k => k.KeyId).ShouldNotContain(revoked.Id);
    }

    [Fact]
    public async Task the_usage_feed_announces_a_key_once_its_usage_is_flushed_and_only_to_its_own_account()
    {
        var (otherAccount, otherAdmin) = await Host.CreateAccountAsync();
        var mine = await Host.IssueAsync(Admin, Scenarios.AKey());
        var theirs = await Host.IssueAsync(otherAdmin, Scenarios.AKey());
        await using var myFeed = await FeedReader.OpenAsync(Host, "/api/keys/usage/changes", Admin, Ct);
        await using var theirFeed = await FeedReader.OpenAsync(Host, "/api/keys/usage/changes", otherAdmin, Ct);

        await Host.VerifyUntilAsync(theirs.Secret, 200, TimeSpan.FromSeconds(10));
        await Host.VerifyUntilAsync(mine.Secret, 200, TimeSpan.FromSeconds(10));
        var heard = await myFeed.DataUntilAsync("usage", d => d.Contains(mine.Id.ToString()), TimeSpan.FromSeconds(30), Ct);
        var theyHeard = await theirFeed.DataUntilAsync("usage", d => d.Contains(theirs.Id.ToString()), TimeSpan.FromSeconds(30), Ct);
        var usage = await UsageWhenAsync(mine.Id, _ => true);

        usage.Total.ShouldBe(1, "announced once its row is written");
        heard.ShouldAllBe(d => d.StartsWith($"{AccountId} ") && !d.Contains(theirs.Id.ToString()));
        theyHeard.ShouldAllBe(d => d.StartsWith($"{otherAccount} ") && !d.Contains(mine.Id.ToString()));
    }

    [Fact]
    public async Task the_usage_feed_needs_a_reader_of_the_account()
    {
        var plain = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.VerifyUntilAsync(plain.Secret, 200, TimeSpan.FromSeconds(10));

        (await Host.SendAsync(s => s.Get.Url("/api/keys/usage/changes"))).Status.ShouldBe(401);
        (await Host.SendAsync(s => s.Get.Url("/api/keys/usage/changes"), plain.Secret)).Status.ShouldBe(403);
    }

    [Fact]
    public void a_bucket_counts_each_refusal_apart_from_admitted_use_and_keeps_no_address_for_it()
    {
        var recorder = new UsageRecorder();
        var (key, account, at) = (Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.FromUnixTimeSeconds(600));
        recorder.Refused(key, account, at, VerifyOutcome.RateLimited);
        recorder.Refused(key, account, at.AddSeconds(1), VerifyOutcome.RateLimited);
        recorder.Refused(key, account, at, VerifyOutcome.ScopeDenied);
        recorder.Refused(key, account, at, VerifyOutcome.Revoked);
        recorder.Refused(key, account, at, VerifyOutcome.Suspended);
        recorder.Refused(key, account, at, VerifyOutcome.Expired);
        var refusedOnly = recorder.Drain()[(key, 10)];
        recorder.Record(key, account, at, "203.0.113.7");
        recorder.Refused(key, account, at, VerifyOutcome.Expired);
        var mixed = recorder.Drain()[(key, 10)];

        (refusedOnly.Count, refusedOnly.Refused, refusedOnly.LastUsedAt, refusedOnly.Ips.Count).ShouldBe((0L, new KeyRefusals(2, 1, 1, 1, 1), (DateTimeOffset?)null, 0));
        (mixed.Count, mixed.Refused, mixed.LastUsedAt, mixed.LastIp).ShouldBe((1L, new KeyRefusals(0, 0, 0, 0, 1), (DateTimeOffset?)at, "203.0.113.7"));
        Should.Throw<ArgumentOutOfRangeException>(() => recorder.Refused(key, account, at, VerifyOutcome.Allowed));
    }

    [Fact]
    public void a_flush_adds_refusals_to_the_row_and_a_refusal_never_moves_the_last_use()
    {
        var recorder = new UsageRecorder();
        var (key, account) = (Guid.NewGuid(), Guid.NewGuid());
        var used = DateTimeOffset.FromUnixTimeSeconds(600);
        var before = new KeyUsageMinute("a", key, account, used, 3, used, "203.0.113.7", ["203.0.113.7"]) { Refused = new KeyRefusals(1, 0, 0, 0, 0) };
        recorder.Refused(key, account, used.AddSeconds(30), VerifyOutcome.RateLimited);

        var merged = UsageFlusher.Merge("a", key, 10, recorder.Drain()[(key, 10)], before);

        (merged.Count, merged.Refused, merged.LastUsedAt, merged.LastIp).ShouldBe((3L, new KeyRefusals(2, 0, 0, 0, 0), (DateTimeOffset?)used, "203.0.113.7"));
    }

    [Fact]
    public void a_row_written_before_refusals_were_counted_reads_as_none_refused()
    {
        var serializer = Host.Services.GetRequiredService<IDocumentStore>().Options.Serializer();
        var row = new KeyUsageMinute("a", Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.FromUnixTimeSeconds(600), 3, null, null, []) { Refused = new KeyRefusals(1, 1, 1, 1, 1) };
        var stored = JsonNode.Parse(serializer.ToJson(row))!.AsObject();
        stored.Remove(stored.Single(p => p.Key.Equals("refused", StringComparison.OrdinalIgnoreCase)).Key);

        var read = serializer.FromJson<KeyUsageMinute>(new MemoryStream(Encoding.UTF8.GetBytes(stored.ToJsonString())));

        (read.Count, read.Refused).ShouldBe((3L, KeyRefusals.None));
    }

    [Theory]
    [InlineData(KeyStatus.Revoked, 0, VerifyOutcome.Revoked)]
    [InlineData(KeyStatus.Suspended, 0, VerifyOutcome.Suspended)]
    [InlineData(KeyStatus.Expired, 0, VerifyOutcome.Expired)]
    [InlineData(KeyStatus.Active, -1, VerifyOutcome.Expired)]
    public void a_key_refused_for_its_standing_is_named_with_the_reason(KeyStatus status, int expiresInMinutes, VerifyOutcome reason)
    {
        var now = DateTimeOffset.UtcNow;
        var key = new ApiKey(Guid.NewGuid(), Guid.NewGuid(), "k", KeyEnvironment.Live, [], status, "hash", "sk_live_...abcd", now.AddDays(-1),
            expiresInMinutes == 0 ? null : now.AddMinutes(expiresInMinutes));

        var check = KeyCheck.Judge(key, now);

        (check.Key, check.Unusable, check.Standing).ShouldBe(((ApiKey?)null, (ApiKey?)key, reason));
        KeyCheck.Judge(key with { Status = KeyStatus.Active, ExpiresAt = null }, now).Unusable.ShouldBeNull();
    }

    [Theory]
    [InlineData("/api/keys/usage?from=yesterday")]
    [InlineData("/api/keys/usage?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/api/keys/usage?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("/api/keys/usage?bucketMinutes=0")]
    [InlineData("/api/keys/usage?bucketMinutes=1441")]
    [InlineData("/api/keys/usage?bucketMinutes=five")]
    public async Task a_bad_range_is_400(string url) =>
        (await Host.SendAsync(s => s.Get.Url(url), Admin)).Status.ShouldBe(400);

    [Fact]
    public async Task a_malformed_ip_is_400() =>
        (await Host.SendAsync(s => s.Post.Json(new { key = "sk_live_x", ip = "999.1.1.1" }).ToUrl("/api/keys/verify"))).ShouldBe(
            (400, """{"statusCode":400,"error":"Bad Request","message":"ip must be an IP address"}"""));
}
