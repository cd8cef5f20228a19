using Alba;
using Platform.Audit.Replay;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

public class ReplayTests(AuditFixture fixture) : AuditContext(fixture)
{
    private async Task<SubjectAsOf> AsOfAsync(Guid subject, DateTimeOffset at)
    {
        var result = await Audit.Scenario(s =>
        {
            s.As(Admin).Get.Url($"/api/audit/subjects/{subject}/as-of?at={Uri.EscapeDataString(at.ToString("O"))}");
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<SubjectAsOf>())!;
    }

    [Fact]
    public async Task a_keys_state_is_replayed_at_any_instant_across_rotation_and_revocation()
    {
        var key = await Keys.IssueKeyAsync(Admin, scope: "chat:completions");
        await Audit.WaitForEventsAsync(Admin, key.Id);
        var afterIssue = DateTimeOffset.UtcNow;
        var rotated = await Keys.Scenario(s =>
        {
            s.As(Admin).Post.Json(new RotateKey(3600)).ToUrl($"/api/keys/{key.Id}/rotate");
            s.StatusCodeShouldBe(201);
        });
        var successor = (await rotated.ReadAsJsonAsync<IssuedKey>())!;
        await Audit.WaitForEventsAsync(Admin, key.Id, count: 2);
        await Audit.WaitForEventsAsync(Admin, successor.Id);
        var afterRotate = DateTimeOffset.UtcNow;
        await Keys.SendAsync(s => s.Post.Json(new { reason = "leaked" }).ToUrl($"/api/keys/{key.Id}/revoke"), Admin);
        await Audit.WaitForEventsAsync(Admin, key.Id, count: 3);
        var afterRevoke = DateTimeOffset.UtcNow;

        var issued = await AsOfAsync(key.Id, afterIssue);
        issued.Key.ShouldNotBeNull().Status.ShouldBe("active");
        issued.Key.Scopes.ShouldBe(["chat:completions"]);
        issued.Key.Environment.ShouldBe("live");
        issued.Key.SuccessorId.ShouldBeNull();
        issued.Changes.Select(c => c.EventType).ShouldBe([nameof(KeyIssued)]);

        var inOverlap = await AsOfAsync(key.Id, afterRotate);
        inOverlap.Key!.Status.ShouldBe("active");
        inOverlap.Key.SuccessorId.ShouldBe(successor.Id);
        inOverlap.Key.ExpiresAt.ShouldNotBeNull().ShouldBeGreaterThan(afterRotate.AddMinutes(59));
        (await AsOfAsync(successor.Id, afterRotate)).Key!.PredecessorId.ShouldBe(key.Id);

        var revoked = await AsOfAsync(key.Id, afterRevoke);
        revoked.Key!.Status.ShouldBe("revoked");
        revoked.Changes.Select(c => c.EventType).ShouldBe([nameof(KeyIssued), nameof(KeyRotated), nameof(KeyRevoked)]);
        revoked.UseAfterRevocation.ShouldNotBeNull().Used.ShouldBeFalse();

        // An instant before the key existed has no changes and no state to speak of.
        (await AsOfAsync(key.Id, afterIssue.AddHours(-1))).Key!.Status.ShouldBe("unknown");
    }

    [Fact]
    public async Task an_as_of_asked_again_after_more_events_were_recorded_sees_them()
    {
        var key = Guid.CreateVersion7();
        var issuedAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(key, Account) with { OccurredAt = issuedAt });
        (await AsOfAsync(key, DateTimeOffset.UtcNow)).Changes.Count.ShouldBe(1);

        // Recorded after the first answer (which is now kept), but it occurred before the instant asked about.
        await Audit.InvokeMessageAndWaitAsync(new KeyRevoked(Guid.CreateVersion7(), key, Account, "leaked", "tester", issuedAt.AddMinutes(5)));
        var again = await AsOfAsync(key, DateTimeOffset.UtcNow);

        again.Changes.Select(c => c.EventType).ShouldBe([nameof(KeyIssued), nameof(KeyRevoked)]);
        again.Key!.Status.ShouldBe("revoked");
        (await AsOfAsync(key, issuedAt.AddMinutes(1))).Key!.Status.ShouldBe("active");
    }

    [Fact]
    public async Task use_of_a_key_after_its_revocation_is_found_in_the_usage_reports()
    {
        var key = Guid.CreateVersion7();
        var revokedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
        var minute = new DateTimeOffset(revokedAt.Year, revokedAt.Month, revokedAt.Day, revokedAt.Hour, revokedAt.Minute, 0, TimeSpan.Zero);
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(key, Account) with { OccurredAt = revokedAt.AddHours(-1) });
        await Audit.InvokeMessageAndWaitAsync(new KeyRevoked(Guid.CreateVersion7(), key, Account, "leaked", "tester", revokedAt));
        // One replica's index had not heard of the revocation yet: it admitted a request 2 s later.
        await Audit.InvokeMessageAndWaitAsync(new KeyUsageReported(Guid.CreateVersion7(), key, Account, "replica-b", minute, 3, revokedAt.AddSeconds(2), ["203.0.113.9"], "system", DateTimeOffset.UtcNow));

        var misuse = (await AsOfAsync(key, DateTimeOffset.UtcNow)).UseAfterRevocation.ShouldNotBeNull();

        misuse.Used.ShouldBeTrue();
        misuse.LastUsedAt.ShouldBe(revokedAt.AddSeconds(2));
        misuse.Ips.ShouldBe(["203.0.113.9"]);
    }
}
