using Platform.Contracts.Keys;
using Platform.Keys.Accounts;
using Platform.Keys.ApiKeys;
using Platform.Secrets;
using Platform.Infrastructure.Persistence;

namespace Platform.Keys.Tests;

/// <summary>An account's standing carried to its keys, without a host: which keys change, at which version, announced how.</summary>
public class AccountKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Account = Guid.CreateVersion7();

    private static ApiKey AKey(KeyStatus status, long version, bool withAccount = false) =>
        ApiKey.Create(IssueKeyEndpoint.Issue(Scenarios.AKey(), Account, KeyEnvironment.Live, SecretFormat.Generate(SecretFormat.LiveKeyPrefix),
            Guid.CreateVersion7(), "key:admin", Now.AddDays(-1))) with { Status = status, Version = version, SuspendedWithAccount = withAccount };

    [Fact]
    public void a_suspension_suspends_each_active_key_at_the_version_read_and_announces_each()
    {
        ApiKey[] keys = [AKey(KeyStatus.Active, 1), AKey(KeyStatus.Active, 7), AKey(KeyStatus.Suspended, 2), AKey(KeyStatus.Revoked, 3)];

        var changes = AccountKeys.Suspend(keys, "unpaid", "user:op", Now);

        changes.Appends.ShouldBe([
            new AppendTo<ApiKey>(keys[0].Id, 1, new ApiKeySuspended(keys[0].Id, "account suspended: unpaid", "user:op", Now, WithAccount: true)),
            new AppendTo<ApiKey>(keys[1].Id, 7, new ApiKeySuspended(keys[1].Id, "account suspended: unpaid", "user:op", Now, WithAccount: true)),
        ]);
        changes.Announcements.Cast<KeySuspended>().Select(a => (a.KeyId, a.SourceVersion)).ShouldBe([(keys[0].Id, 2L), (keys[1].Id, 8L)]);
    }

    [Fact]
    public void a_long_reason_is_cut_to_what_a_key_event_holds()
    {
        var changes = AccountKeys.Suspend([AKey(KeyStatus.Active, 1)], new string('r', KeyRules.MaxReasonLength), "user:op", Now);

        ((ApiKeySuspended)changes.Appends.Cast<AppendTo<ApiKey>>().Single().Event).Reason.Length.ShouldBe(KeyRules.MaxReasonLength);
    }

    [Fact]
    public void a_reinstatement_brings_back_only_the_keys_suspended_with_the_account()
    {
        ApiKey[] keys = [AKey(KeyStatus.Suspended, 4, withAccount: true), AKey(KeyStatus.Suspended, 5), AKey(KeyStatus.Active, 6)];

        var changes = AccountKeys.Reinstate(keys, "user:op", Now);

        changes.Appends.ShouldBe([new AppendTo<ApiKey>(keys[0].Id, 4, new ApiKeyReinstated(keys[0].Id, "user:op", Now))]);
        changes.Announcements.ShouldHaveSingleItem().ShouldBeOfType<KeyReinstated>().SourceVersion.ShouldBe(5);
    }
}
