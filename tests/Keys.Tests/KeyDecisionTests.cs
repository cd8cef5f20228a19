using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Platform.Secrets;
using Platform.Infrastructure.Errors;

namespace Platform.Keys.Tests;

/// <summary>The key commands' deciders and their one mapping to integration events, without a host: pure functions of the key.</summary>
public class KeyDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Account = Guid.CreateVersion7();

    private static ApiKey AKey(KeyStatus status = KeyStatus.Active) =>
        ApiKey.Create(IssueKeyEndpoint.Issue(Scenarios.AKey("live", "models:read", "chat:completions"), Account, KeyEnvironment.Live,
            SecretFormat.Generate(SecretFormat.LiveKeyPrefix), Guid.CreateVersion7(), "key:admin", Now.AddDays(-1))) with { Status = status, Version = 3 };

    [Fact]
    public void revoking_decides_one_event_and_revoking_again_decides_nothing()
    {
        var key = AKey();

        RevokeKeyEndpoint.Decide(key, new RevokeKey("  leaked "), "key:admin", Now).ShouldBe(KeyDecision.Accept(new ApiKeyRevoked(key.Id, "leaked", "key:admin", Now)));
        RevokeKeyEndpoint.Decide(key with { Status = KeyStatus.Revoked }, new RevokeKey("again"), "key:admin", Now).ShouldBe(KeyDecision.Unchanged);
    }

    [Theory]
    [InlineData(KeyStatus.Revoked, "key is revoked")]
    [InlineData(KeyStatus.Expired, "key has expired")]
    public void a_final_key_refuses_every_change_with_409(KeyStatus status, string message)
    {
        var key = AKey(status);
        var refusal = ApiError.For(409, message);

        RenameKeyEndpoint.Decide(key, new RenameKey("other"), "key:admin", Now).Refusal.ShouldBe(refusal);
        SuspendKeyEndpoint.Decide(key, new SuspendKey("why"), "key:admin", Now).Refusal.ShouldBe(refusal);
        ReinstateKeyEndpoint.Decide(key, "key:admin", Now).Refusal.ShouldBe(refusal);
        ChangeKeyScopesEndpoint.Decide(key, new ChangeKeyScopes(["models:read"]), "key:admin", Now).Refusal.ShouldBe(refusal);
    }

    [Fact]
    public void asking_for_the_state_a_key_is_in_decides_nothing_so_retries_are_safe()
    {
        var key = AKey();

        RenameKeyEndpoint.Decide(key, new RenameKey($" {key.Name} "), "key:admin", Now).ShouldBe(KeyDecision.Unchanged);
        ReinstateKeyEndpoint.Decide(key, "key:admin", Now).ShouldBe(KeyDecision.Unchanged);
        ChangeKeyScopesEndpoint.Decide(key, new ChangeKeyScopes(["chat:completions", "models:read", "models:read"]), "key:admin", Now).ShouldBe(KeyDecision.Unchanged);
        SuspendKeyEndpoint.Decide(key with { Status = KeyStatus.Suspended }, new SuspendKey("why"), "key:admin", Now).ShouldBe(KeyDecision.Unchanged);
    }

    [Fact]
    public void every_lifecycle_event_is_announced_with_the_account_and_the_version_it_makes()
    {
        var key = AKey();
        object[] events =
        [
            new ApiKeyRenamed(key.Id, "n", "a", Now), new ApiKeyScopesChanged(key.Id, ["s"], "a", Now), new ApiKeyRevoked(key.Id, "r", "a", Now),
            new ApiKeySuspended(key.Id, "r", "a", Now), new ApiKeyReinstated(key.Id, "a", Now), new ApiKeyRotated(key.Id, Guid.NewGuid(), Now, "a", Now),
            new ApiKeyExpired(key.Id, "a", Now), new ApiKeyRotationDue(key.Id, "a", Now),
        ];

        var announced = events.Select(e => KeyAnnouncements.For(key, e)).ToList();

        announced.Select(a => a.GetType().Name).ShouldBe(["KeyRenamed", "KeyScopesChanged", "KeyRevoked", "KeySuspended", "KeyReinstated", "KeyRotated", "KeyExpired", "KeyRotationDue"]);
        announced.ShouldAllBe(a => a.KeyId == key.Id && a.AccountId == key.AccountId && a.SourceVersion == 4 && a.OccurredAt == Now && a.Actor == "a");
        announced.Select(a => a.EventId).Distinct().Count().ShouldBe(events.Length);
        Should.Throw<ArgumentException>(() => KeyAnnouncements.For(key, new ApiKeyIssued(key.Id, Account, "n", KeyEnvironment.Live, [], "h", "abcd", null, "a", Now)));
    }
}
