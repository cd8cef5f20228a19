using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Tokens;
using Wolverine;
using Wolverine.Tracking;

namespace Platform.Tokens.Tests;

/// <summary>Each announcement names the version its event got in the subject's stream, so Audit can tell what it holds.</summary>
public class SourceVersionTests(TokensFixture fixture) : TokensContext(fixture)
{
    private async Task<T> AnnouncedAsync<T>(Func<Task> action) where T : IAuditedEvent
    {
        var tracked = await Tokens.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(_ => action()));
        return tracked.Sent.MessagesOf<T>().DistinctBy(e => e.EventId).ShouldHaveSingleItem();
    }

    private async Task<long> StreamVersionAsync(Guid subject)
    {
        await using var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamStateAsync(subject, Ct))!.Version;
    }

    [Fact]
    public async Task a_clients_announcements_carry_the_versions_of_its_stream()
    {
        Clients.RegisteredClient client = null!;
        var registered = await AnnouncedAsync<ClientRegistered>(async () => client = await Api.RegisterAsync());
        var rotated = await AnnouncedAsync<ClientSecretRotated>(() => Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/rotate-secret", new { }));
        var disabled = await AnnouncedAsync<ClientDisabled>(() => Api.ManageAsync(HttpMethod.Post, $"/api/clients/{client.ClientId}/disable", new { }));

        new[] { registered.SourceVersion, rotated.SourceVersion, disabled.SourceVersion }.ShouldBe([1L, 2L, 3L]);
        (await StreamVersionAsync(client.ClientId)).ShouldBe(3);
    }

    [Fact]
    public async Task a_refresh_familys_revocation_names_its_version_after_unannounced_rotations()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var callback = await flow.SignInAsync(new Browser(Tokens), scope: "plans:read");
        Answer first = null!;
        var started = await AnnouncedAsync<RefreshFamilyStarted>(async () => first = await flow.RedeemAsync(callback["code"]));
        var second = await flow.RefreshAsync(first.Str("refresh_token"));
        var third = await flow.RefreshAsync(second.Str("refresh_token"));
        third.Status.ShouldBe(HttpStatusCode.OK, third.Text);

        var revoked = await AnnouncedAsync<RefreshFamilyRevoked>(() => flow.RefreshAsync(first.Str("refresh_token")));

        started.SourceVersion.ShouldBe(1);
        revoked.FamilyId.ShouldBe(started.FamilyId);
        revoked.SourceVersion.ShouldBe(4);
        (await StreamVersionAsync(started.FamilyId)).ShouldBe(4);
    }
}
