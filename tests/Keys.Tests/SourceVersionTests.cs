using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Keys.Tests;

/// <summary>Audit proves a key's history complete from these versions, so each must be the one the key's stream gave the event.</summary>
public class SourceVersionTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private async Task<IKeyEvent> AnnouncedAsync(Func<Task> command)
    {
        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => command()));
        return tracked.Sent.MessagesOf<IKeyEvent>().DistinctBy(e => e.EventId).ShouldHaveSingleItem();
    }

    private async Task InvokeAsync(object scheduled)
    {
        using var scope = Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().InvokeAsync(scheduled, Ct);
    }

    private async Task<(long Version, Type Event)> StreamHeadAsync(Guid key)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var last = (await session.Events.FetchStreamAsync(key, token: Ct))[^1];
        return (last.Version, last.EventType);
    }

    [Fact]
    public async Task every_announcement_carries_the_version_its_event_got_in_the_keys_stream()
    {
        IssuedKey key = null!;
        var issued = await AnnouncedAsync(async () => key = await Host.IssueAsync(Admin, Scenarios.AKey()));
        issued.ShouldBeOfType<KeyIssued>().SourceVersion.ShouldBe(1);
        (Func<Task> Command, Type Announcement, Type Stored)[] commands =
        [
            (() => Host.CommandAsync(Admin, key.Id, "rename", new RenameKey("renamed")), typeof(KeyRenamed), typeof(ApiKeyRenamed)),
            (() => Host.SendAsync(s => s.Put.Json(new ChangeKeyScopes(["usage:read"])).ToUrl($"/api/keys/{key.Id}/scopes"), Admin), typeof(KeyScopesChanged), typeof(ApiKeyScopesChanged)),
            (() => Host.CommandAsync(Admin, key.Id, "suspend", new SuspendKey("checking")), typeof(KeySuspended), typeof(ApiKeySuspended)),
            (() => Host.CommandAsync(Admin, key.Id, "reinstate"), typeof(KeyReinstated), typeof(ApiKeyReinstated)),
            (() => InvokeAsync(new MarkRotationDue(key.Id)), typeof(KeyRotationDue), typeof(ApiKeyRotationDue)),
            (() => Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("done")), typeof(KeyRevoked), typeof(ApiKeyRevoked)),
        ];

        foreach (var (command, announcement, stored) in commands)
        {
            var announced = await AnnouncedAsync(command);
            var head = await StreamHeadAsync(key.Id);

            announced.ShouldBeOfType(announcement);
            head.Event.ShouldBe(stored);
            announced.SourceVersion.ShouldBe(head.Version);
        }
        (await StreamHeadAsync(key.Id)).Version.ShouldBe(commands.Length + 1);
    }

    [Fact]
    public async Task a_rotation_announces_the_old_keys_next_version_and_the_successors_first()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.CommandAsync(Admin, key.Id, "rename", new RenameKey("before rotation"));

        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => Host.CommandAsync(Admin, key.Id, "rotate", new RotateKey(60))));

        var rotated = tracked.Sent.MessagesOf<KeyRotated>().DistinctBy(e => e.EventId).ShouldHaveSingleItem();
        rotated.SourceVersion.ShouldBe(3);
        (await StreamHeadAsync(key.Id)).ShouldBe((3L, typeof(ApiKeyRotated)));
        var successor = tracked.Sent.MessagesOf<KeyIssued>().DistinctBy(e => e.EventId).ShouldHaveSingleItem();
        successor.KeyId.ShouldBe(rotated.SuccessorId);
        successor.SourceVersion.ShouldBe(1);
    }
}
