using Platform.Agents.Credentials;
using Platform.Agents.KeyAuthority;
using Platform.Contracts.Keys;
using Platform.Secrets;

namespace Platform.Agents.Tests;

/// <summary>The pure decisions, without a host.</summary>
public class RulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_reinstatement_handled_before_the_suspension_it_ends_leaves_the_key_active()
    {
        var key = KeyStanding.Unknown(Guid.NewGuid());

        var after = key.WithState(KeyState.Active, T0.AddSeconds(2)).WithState(KeyState.Suspended, T0.AddSeconds(1));

        after.State.ShouldBe(KeyState.Active);
        after.Refusal.ShouldBeNull();
    }

    [Fact]
    public void a_revoked_key_stays_revoked_whatever_arrives_later()
    {
        var key = KeyStanding.Unknown(Guid.NewGuid()).WithState(KeyState.Revoked, T0);

        key.WithState(KeyState.Active, T0.AddHours(1)).State.ShouldBe(KeyState.Revoked);
    }

    [Fact]
    public void a_late_copy_of_an_end_still_ends_the_key_and_never_moves_its_time_back()
    {
        var key = KeyStanding.Unknown(Guid.NewGuid()).WithState(KeyState.Suspended, T0.AddSeconds(2));

        var ended = key.WithState(KeyState.Revoked, T0.AddSeconds(1));

        ended.State.ShouldBe(KeyState.Revoked);
        ended.StateAsOf.ShouldBe(T0.AddSeconds(2));
        ended.Refusal.ShouldBe("parent API key has been revoked");
    }

    [Fact]
    public void a_durable_event_and_the_fast_signal_of_the_same_change_are_applied_once_whichever_comes_first()
    {
        var id = Guid.NewGuid();
        var suspended = new KeySuspended(Guid.NewGuid(), id, Guid.NewGuid(), "leaked", "user:1", T0) { SourceVersion = 4 };
        var signal = new KeyAuthoritySignal(id, 4, KeyAuthoritySignal.Suspended, null);

        var fromEvent = KeyStanding.After(null, suspended);
        fromEvent.ShouldNotBeNull().State.ShouldBe(KeyState.Suspended);
        KeyStanding.After(fromEvent, signal).ShouldBeNull();
        KeyStanding.After(fromEvent, suspended).ShouldBeNull();

        var fromSignal = KeyStanding.After(null, signal);
        fromSignal.ShouldNotBeNull().State.ShouldBe(KeyState.Suspended);
        // The event still records its time (a later, older reinstatement must not lift it), at the same version.
        KeyStanding.After(fromSignal, suspended).ShouldNotBeNull().StateAsOf.ShouldBe(T0);
        KeyStanding.After(fromSignal, signal).ShouldBeNull();
    }

    [Fact]
    public void an_older_signal_never_undoes_a_newer_event()
    {
        var id = Guid.NewGuid();
        var reinstated = KeyStanding.After(null, new KeyReinstated(Guid.NewGuid(), id, Guid.NewGuid(), "user:1", T0) { SourceVersion = 6 });

        KeyStanding.After(reinstated, new KeyAuthoritySignal(id, 5, KeyAuthoritySignal.Suspended, null)).ShouldBeNull();
        KeyStanding.After(reinstated, new KeyAuthoritySignal(id, 7, KeyAuthoritySignal.Revoked, null)).ShouldNotBeNull().State.ShouldBe(KeyState.Revoked);
    }

    [Fact]
    public void the_same_event_twice_changes_nothing()
    {
        var key = KeyStanding.Unknown(Guid.NewGuid()).WithState(KeyState.Suspended, T0).WithScopes(["models:read"], T0);

        key.WithState(KeyState.Suspended, T0).ShouldBeSameAs(key);
        key.WithScopes(["models:read"], T0).ShouldBeSameAs(key);
    }

    [Theory]
    [InlineData(new[] { "chat:completions", "models:read" }, new[] { "models:read" }, new[] { "models:read" })]
    [InlineData(new[] { "admin" }, new[] { "models:read" }, new[] { "models:read" })]
    [InlineData(new[] { "models:read" }, new[] { "admin" }, new[] { "models:read" })]
    [InlineData(new[] { "chat:completions" }, new string[0], new string[0])]
    public void a_credentials_scopes_are_narrowed_by_what_its_key_holds_now(string[] granted, string[] keyNow, string[] usable) =>
        Grants.Narrow(granted, keyNow).ShouldBe(usable);

    [Fact]
    public void an_expiry_message_for_a_credential_refreshed_meanwhile_changes_nothing()
    {
        var credential = new AgentCredential(Guid.NewGuid(), Guid.NewGuid(), "a", Guid.NewGuid(), null, [], [], null, null, null,
            CredentialStatus.Active, "h", "d", T0, T0.AddHours(2));

        ExpireCredentialHandler.Decide(credential, T0.AddHours(1)).ShouldBeNull();
        ExpireCredentialHandler.Decide(credential, T0.AddHours(2)).ShouldNotBeNull();
        ExpireCredentialHandler.Decide(credential with { Status = CredentialStatus.Revoked }, T0.AddHours(3)).ShouldBeNull();
    }

    [Fact]
    public void the_previous_secret_never_outlives_the_credential_it_was_replaced_in()
    {
        var credential = new AgentCredential(Guid.NewGuid(), Guid.NewGuid(), "a", Guid.NewGuid(), null, [], [], null, null, null,
            CredentialStatus.Active, "h", "d", T0, T0.AddSeconds(10));

        var refreshed = RefreshCredentialEndpoint.Decide(new RefreshSubject(credential, null), "h", null, new AgentsOptions(), SecretFormat.Generate(SecretFormat.AgentTokenPrefix), T0).Refreshed!;

        refreshed.PreviousValidUntil.ShouldBe(T0.AddSeconds(10));
        refreshed.ExpiresAt.ShouldBe(T0.AddHours(1));
    }

    [Fact]
    public void a_refresh_is_decided_on_the_credential_as_stored_not_as_the_index_saw_it()
    {
        var credential = new AgentCredential(Guid.NewGuid(), Guid.NewGuid(), "a", Guid.NewGuid(), null, [], [], null, null, null,
            CredentialStatus.Active, "h", "d", T0, T0.AddHours(1));
        var secret = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);

        RefreshCredentialEndpoint.Decide(new RefreshSubject(credential, null), "older", null, new AgentsOptions(), secret, T0).Refusal!.StatusCode.ShouldBe(409);
        RefreshCredentialEndpoint.Decide(new RefreshSubject(credential with { Status = CredentialStatus.Revoked }, null), "h", null, new AgentsOptions(), secret, T0)
            .Refusal!.StatusCode.ShouldBe(401);
        RefreshCredentialEndpoint.Decide(new RefreshSubject(null, null), "h", null, new AgentsOptions(), secret, T0).Refusal!.StatusCode.ShouldBe(401);
    }
}
