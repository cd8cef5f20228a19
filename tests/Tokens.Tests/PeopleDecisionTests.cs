using Platform.Contracts.Tokens;
using Platform.Infrastructure.Persistence;
using Platform.Tokens.Access;
using Platform.Tokens.Authorize;
using Platform.Tokens.Refresh;
using Platform.Tokens.Users;

namespace Platform.Tokens.Tests;

/// <summary>The decisions behind the people endpoints, without a host: which sign-ins end, what a person sees, what a password change does.</summary>
public class PeopleDecisionTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly RefreshOptions Refresh = new();
    private static readonly LoginOptions Login = new();
    private static readonly Guid UserId = Guid.CreateVersion7();
    private static readonly Guid Console = Guid.CreateVersion7();

    private static RefreshFamily Family(DateTimeOffset? lastRotated = null, long version = 1) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), Console, UserId.ToString(), ["admin"], "h", Start, Start + Refresh.AbsoluteLifetime, lastRotated ?? Start) { Version = version };

    private static AccountUser User() => new(UserId, Guid.CreateVersion7(), "ada@example.com", "hash", ["admin"], Start) { SecurityStamp = "stamp-1" };

    private static Caller CallerFor(string actor) => new(actor, Guid.CreateVersion7(), ["admin"]);

    [Fact]
    public void ending_a_persons_sign_ins_ends_every_one_but_the_kept_one_each_at_the_version_read()
    {
        var (kept, second, third) = (Family(), Family(version: 4), Family(version: 2));

        var ended = SignIns.End([kept, second, third], kept.Id, "password changed", "user:ada", Start.AddDays(1));

        ended.Endings.Select(e => e.FamilyId).ShouldBe([second.Id, third.Id]);
        ended.Writes.Appends.Cast<AppendTo<RefreshFamily>>().Select(a => (a.StreamId, a.ReadVersion)).ShouldBe([(second.Id, 4L), (third.Id, 2L)]);
        ended.Writes.Appends.Cast<AppendTo<RefreshFamily>>().ShouldAllBe(a => ((FamilyRevoked)a.Event).Reason == "password changed");
        ended.Writes.Announcements.Cast<RefreshFamilyRevoked>().Select(r => r.SourceVersion).ShouldBe([5L, 3L]);
        SignIns.End([kept], keep: null, "user removed", "key:k", Start).Endings.ShouldHaveSingleItem().FamilyId.ShouldBe(kept.Id);
        SignIns.End([], keep: null, "user removed", "key:k", Start).Writes.Appends.ShouldBeEmpty();
    }

    [Fact]
    public void a_sign_in_lives_until_its_idle_end_or_its_absolute_end_whichever_comes_first()
    {
        var idle = Family();
        var busy = Family(lastRotated: Start + Refresh.AbsoluteLifetime - TimeSpan.FromDays(1));

        SignIns.EndsAt(idle, Refresh).ShouldBe(Start + Refresh.IdleLifetime);
        SignIns.EndsAt(busy, Refresh).ShouldBe(busy.ExpiresAt);
        SignIns.IsLive(idle, Start + Refresh.IdleLifetime - TimeSpan.FromSeconds(1), Refresh).ShouldBeTrue();
        SignIns.IsLive(idle, Start + Refresh.IdleLifetime, Refresh).ShouldBeFalse();
        SignIns.IsLive(busy, busy.ExpiresAt, Refresh).ShouldBeFalse();
        SignIns.IsLive(idle with { RevokedAt = Start }, Start.AddMinutes(1), Refresh).ShouldBeFalse();
    }

    [Fact]
    public void a_persons_sessions_are_the_live_ones_most_recently_active_first_with_the_current_one_marked()
    {
        var old = Family();
        var recent = Family(lastRotated: Start.AddDays(10));
        var idle = Family(lastRotated: Start.AddDays(-1));
        var fromElsewhere = Family(lastRotated: Start.AddDays(5)) with { ClientId = Guid.CreateVersion7() };

        var list = ListOwnSessionsEndpoint.View([old, recent, idle, fromElsewhere], current: old.Id, new Dictionary<Guid, string> { [Console] = "Platform dashboard" },
            Start.AddDays(13).AddHours(12), Refresh);

        list.Items.Select(s => s.Id).ShouldBe([recent.Id, fromElsewhere.Id, old.Id]);
        list.Items.Select(s => s.Current).ShouldBe([false, false, true]);
        list.Items.Select(s => s.ClientName).ShouldBe(["Platform dashboard", ListOwnSessionsEndpoint.UnknownClient, "Platform dashboard"]);
        list.Items[0].ShouldSatisfyAllConditions(
            s => s.LastActiveAt.ShouldBe(Start.AddDays(10)),
            s => s.StartedAt.ShouldBe(Start),
            s => s.ExpiresAt.ShouldBe(Start.AddDays(10) + Refresh.IdleLifetime));
    }

    [Fact]
    public void nobody_removes_themself_but_anyone_else_is_removable()
    {
        var user = User();

        RemoveUserEndpoint.Refusal(user, CallerFor($"user:{user.Id}"))!.StatusCode.ShouldBe(409);
        RemoveUserEndpoint.Refusal(user, CallerFor($"user:{Guid.CreateVersion7()}")).ShouldBeNull();
        RemoveUserEndpoint.Refusal(user, CallerFor("key:0195a2b0-0000-7000-8000-000000000001")).ShouldBeNull();
    }

    [Fact]
    public void requiring_a_change_and_choosing_a_password_each_give_a_new_stamp()
    {
        var user = User() with { FailedAttempts = 3, LockedUntil = Start };

        var required = RequirePasswordChangeEndpoint.Decide(user);
        var changed = PasswordRules.Replace(required, "new-hash");

        (required.MustChangePassword, required.SecurityStamp == user.SecurityStamp).ShouldBe((true, false));
        changed.ShouldSatisfyAllConditions(
            c => c.PasswordHash.ShouldBe("new-hash"),
            c => c.MustChangePassword.ShouldBeFalse(),
            c => c.FailedAttempts.ShouldBe(0),
            c => c.LockedUntil.ShouldBeNull(),
            c => c.SecurityStamp.ShouldNotBe(required.SecurityStamp));
    }

    [Fact]
    public void a_password_change_is_refused_while_locked_counts_a_wrong_current_password_and_refuses_the_same_one()
    {
        var user = User();
        var command = new ChangePassword("the current one", "a brand new password");

        ChangeOwnPasswordEndpoint.Decide(user with { LockedUntil = Start.AddMinutes(1) }, command, currentMatches: true, Start, Login)
            .ShouldBeOfType<ChangeOwnPasswordEndpoint.Outcome.Locked>().Until.ShouldBe(Start.AddMinutes(1));
        var failed = ChangeOwnPasswordEndpoint.Decide(user with { FailedAttempts = 1 }, command, currentMatches: false, Start, Login)
            .ShouldBeOfType<ChangeOwnPasswordEndpoint.Outcome.Failed>();
        (failed.User.FailedAttempts, failed.LockedNow).ShouldBe((2, false));
        var locking = ChangeOwnPasswordEndpoint.Decide(user with { FailedAttempts = Login.MaxFailedAttempts - 1 }, command, currentMatches: false, Start, Login)
            .ShouldBeOfType<ChangeOwnPasswordEndpoint.Outcome.Failed>();
        (locking.LockedNow, locking.User.LockedUntil).ShouldBe((true, Start + Login.LockoutDuration));
        ChangeOwnPasswordEndpoint.Decide(user, command with { NewPassword = "the current one" }, currentMatches: true, Start, Login).ShouldBeOfType<ChangeOwnPasswordEndpoint.Outcome.Same>();
        ChangeOwnPasswordEndpoint.Decide(user with { LockedUntil = Start }, command, currentMatches: true, Start, Login).ShouldBeOfType<ChangeOwnPasswordEndpoint.Outcome.Change>();
        command.ToString().ShouldNotContain("the current one");
    }

    [Fact]
    public void the_change_form_wants_a_password_by_the_rules_typed_twice_and_a_ticket_holds_only_for_the_stamp_it_names()
    {
        var user = User() with { MustChangePassword = true };

        PasswordEndpoint.Problem("short", "short").ShouldBe("The new password must be 10 to 256 characters");
        PasswordEndpoint.Problem("a brand new password", "a brand new passwort").ShouldBe("The two new passwords are not the same");
        PasswordEndpoint.Problem("a brand new password", "a brand new password").ShouldBeNull();
        PasswordTicket.Holds((user.Id, "stamp-1"), user).ShouldBeTrue();
        PasswordTicket.Holds((user.Id, "stamp-0"), user).ShouldBeFalse();
        PasswordTicket.Holds((user.Id, "stamp-1"), user with { MustChangePassword = false }).ShouldBeFalse();
        PasswordTicket.Holds((Guid.CreateVersion7(), "stamp-1"), user).ShouldBeFalse();
    }
}
