using Platform.Agents.Credentials;
using Platform.Contracts.Agents;
using Platform.Infrastructure.Persistence;

namespace Platform.Agents.Tests;

/// <summary>The cascade's decision without a host: which credentials it ends, at which version, announced how.</summary>
public class CascadeDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static AgentCredential ACredential(CredentialStatus status, long version) => AgentCredential.Create(new CredentialMinted(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "sub-agent", Guid.CreateVersion7(), null, [], ["plans:read"], null, null, null,
        "hash", "abcd", Now.AddHours(1), "key:k", Now.AddMinutes(-5))) with { Status = status, Version = version };

    [Fact]
    public void each_active_credential_is_revoked_in_its_own_stream_at_the_version_read_and_announced_with_its_cause()
    {
        AgentCredential[] derived = [ACredential(CredentialStatus.Active, 2), ACredential(CredentialStatus.Revoked, 3), ACredential(CredentialStatus.Active, 5)];
        var (causeId, causeEventId) = (Guid.CreateVersion7(), Guid.CreateVersion7());

        var cascade = Cascade.Revoke(derived, RevocationCauses.KeyRevoked, causeId, causeEventId, "system", Now);

        cascade.Appends.ShouldBe([
            new AppendTo<AgentCredential>(derived[0].Id, 2, new CredentialCascadeRevoked(derived[0].Id, RevocationCauses.KeyRevoked, causeId, causeEventId, "system", Now)),
            new AppendTo<AgentCredential>(derived[2].Id, 5, new CredentialCascadeRevoked(derived[2].Id, RevocationCauses.KeyRevoked, causeId, causeEventId, "system", Now)),
        ]);
        cascade.Announcements.Cast<AgentCredentialCascadeRevoked>().Select(a => (a.CredentialId, a.SourceVersion)).ShouldBe([(derived[0].Id, 3L), (derived[2].Id, 6L)]);
    }

    [Fact]
    public void nothing_active_is_nothing_to_do()
    {
        var cascade = Cascade.Revoke([ACredential(CredentialStatus.Expired, 4)], RevocationCauses.ParentRevoked, Guid.CreateVersion7(), Guid.CreateVersion7(), "system", Now);

        cascade.Appends.ShouldBeEmpty();
        cascade.Announcements.ShouldBeEmpty();
    }
}
