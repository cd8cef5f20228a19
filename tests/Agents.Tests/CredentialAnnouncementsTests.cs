using Platform.Agents.Credentials;
using Platform.Contracts.Agents;

namespace Platform.Agents.Tests;

/// <summary>The one mapping of a credential's stream events to what Audit hears, without a host.</summary>
public class CredentialAnnouncementsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static AgentCredential ACredential() => AgentCredential.Create(new CredentialMinted(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "report-writer", Guid.CreateVersion7(), null, [], ["plans:read"], null, null, null,
        "hash", "abcd", Now.AddHours(1), "key:k", Now.AddMinutes(-5))) with { Version = 3 };

    [Fact]
    public void every_event_that_changes_a_credential_is_announced_with_its_account_the_version_it_makes_and_no_secret()
    {
        var c = ACredential();
        object[] events =
        [
            new CredentialRefreshed(c.Id, "new-hash", "wxyz", Now.AddHours(2), Now.AddMinutes(1), "a", Now),
            new ChildCredentialMinted(c.Id, Guid.CreateVersion7(), "sub-agent", "a", Now),
            new CredentialRevoked(c.Id, "leaked", "a", Now),
            new CredentialCascadeRevoked(c.Id, RevocationCauses.KeyRevoked, Guid.CreateVersion7(), Guid.CreateVersion7(), "a", Now),
            new CredentialExpired(c.Id, "a", Now),
        ];

        var announced = events.Select(e => CredentialAnnouncements.For(c, e)).ToList();

        announced.Select(a => a.GetType().Name).ShouldBe(
            ["AgentCredentialRefreshed", "AgentCredentialRestricted", "AgentCredentialRevoked", "AgentCredentialCascadeRevoked", "AgentCredentialExpired"]);
        announced.ShouldAllBe(a => a.CredentialId == c.Id && a.AccountId == c.AccountId && a.SourceVersion == 4 && a.OccurredAt == Now && a.Actor == "a");
        announced.Select(a => a.EventId).Distinct().Count().ShouldBe(events.Length);
        ((AgentCredentialRefreshed)announced[0]).Display.ShouldEndWith("wxyz");
        announced.ShouldAllBe(a => !System.Text.Json.JsonSerializer.Serialize(a, a.GetType(), System.Text.Json.JsonSerializerOptions.Web).Contains("hash"));
    }

    [Fact]
    public void minting_starts_the_stream_and_is_announced_at_version_one_an_unknown_event_is_refused()
    {
        var c = ACredential();

        CredentialAnnouncements.Minted(c, "key:k").SourceVersion.ShouldBe(1);
        Should.Throw<ArgumentException>(() => CredentialAnnouncements.For(c, new object()));
    }
}
