using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Agents.Credentials;
using Platform.Contracts;
using Platform.Contracts.Agents;
using Wolverine;
using Wolverine.Tracking;
using Platform.Secrets;

namespace Platform.Agents.Tests;

/// <summary>Every change of a credential is announced to Audit, as an audited event about that credential.</summary>
public class AuditTrailTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    private async Task<ITrackedSession> TrackAsync(Func<Task> action) =>
        await Agents.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => action()));

    [Fact]
    public async Task minting_is_announced_to_audit_about_the_new_credential()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        MintedCredential? minted = null;

        var tracked = await TrackAsync(async () =>
        {
            var (_, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint("planner"));
            minted = Json.Read<MintedCredential>(body);
        });

        var envelope = tracked.Sent.Envelopes().Single(e => e.Message is AgentCredentialMinted);
        envelope.Destination!.ToString().ShouldBe($"postgresql://{Queues.Audit}/");
        var announced = (AgentCredentialMinted)envelope.Message!;
        IAuditedEvent audited = announced;
        audited.SubjectType.ShouldBe(AuditSubjects.AgentCredential);
        audited.SubjectId.ShouldBe(minted!.Id);
        announced.KeyId.ShouldBe(key.Id);
        announced.AccountId.ShouldBe(AccountId);
        announced.Actor.ShouldBe($"key:{key.Id}");
    }

    [Fact]
    public async Task a_revocation_and_its_cascade_are_announced_with_their_cause()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var parent = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        var child = await Agents.RestrictAsync(parent, new RestrictCredential("worker", null, null, null));

        var tracked = await TrackAsync(() => Agents.SendAsync(s => s.Post.Json(new { reason = "done" }).ToUrl($"/api/agents/{parent.Id}/revoke"), Admin));

        var revoked = tracked.Sent.SingleMessage<AgentCredentialRevoked>();
        revoked.CredentialId.ShouldBe(parent.Id);
        revoked.Reason.ShouldBe("done");
        var cascaded = tracked.Sent.SingleMessage<AgentCredentialCascadeRevoked>();
        cascaded.ShouldSatisfyAllConditions(
            c => c.CredentialId.ShouldBe(child.Id),
            c => c.Cause.ShouldBe(RevocationCauses.ParentRevoked),
            c => c.CauseId.ShouldBe(parent.Id),
            c => c.CauseEventId.ShouldBe(revoked.EventId));
    }

    [Fact]
    public async Task no_secret_is_ever_in_an_announcement()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        string token = "";

        var tracked = await TrackAsync(async () =>
        {
            var (_, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint("planner"));
            token = Json.Read<MintedCredential>(body).Token;
        });

        var json = System.Text.Json.JsonSerializer.Serialize(tracked.Sent.SingleMessage<AgentCredentialMinted>());
        json.ShouldNotContain(token[10..]);
        json.ShouldNotContain(SecretFormat.Hash(token));
    }

    private async Task<long> StreamVersionAsync(Guid credential)
    {
        await using var session = Agents.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamStateAsync(credential, Ct))!.Version;
    }

    [Fact]
    public async Task every_announcement_carries_the_version_its_event_got_in_the_credentials_stream()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        MintedCredential parent = null!;
        MintedCredential child = null!;

        var minting = await TrackAsync(async () => parent = await Agents.MintAsync(key.Secret, Requests.AMint("planner")));
        var restricting = await TrackAsync(async () => child = await Agents.RestrictAsync(parent, new RestrictCredential("worker", null, null, null)));
        var refreshing = await TrackAsync(() => Agents.SendAsync(s => s.Post.Url("/api/agents/refresh"), parent.Token, parent.AgentId));
        var revoking = await TrackAsync(() => Agents.SendAsync(s => s.Post.Json(new { reason = "done" }).ToUrl($"/api/agents/{parent.Id}/revoke"), Admin));

        minting.Sent.SingleMessage<AgentCredentialMinted>().SourceVersion.ShouldBe(1);
        restricting.Sent.SingleMessage<AgentCredentialRestricted>().SourceVersion.ShouldBe(2);
        restricting.Sent.SingleMessage<AgentCredentialMinted>().ShouldSatisfyAllConditions(
            m => m.CredentialId.ShouldBe(child.Id), m => m.SourceVersion.ShouldBe(1));
        refreshing.Sent.SingleMessage<AgentCredentialRefreshed>().SourceVersion.ShouldBe(3);
        revoking.Sent.SingleMessage<AgentCredentialRevoked>().SourceVersion.ShouldBe(4);
        revoking.Sent.SingleMessage<AgentCredentialCascadeRevoked>().SourceVersion.ShouldBe(2);
        (await StreamVersionAsync(parent.Id)).ShouldBe(4);
        (await StreamVersionAsync(child.Id)).ShouldBe(2);
    }
}
