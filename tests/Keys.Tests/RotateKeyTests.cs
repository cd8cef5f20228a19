using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class RotateKeyTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private async Task<IssuedKey> RotateAsync(Guid id, int? overlapSeconds)
    {
        var (status, body) = await Host.CommandAsync(Admin, id, "rotate", new RotateKey(overlapSeconds));
        status.ShouldBe(201, body);
        return JsonSerializer.Deserialize<IssuedKey>(body, JsonSerializerOptions.Web)!;
    }

    private async Task<KeyView> GetAsync(Guid id) =>
        JsonSerializer.Deserialize<KeyView>((await Host.SendAsync(s => s.Get.Url($"/api/keys/{id}"), Admin)).Body, JsonSerializerOptions.Web)!;

    [Fact]
    public async Task rotation_issues_a_linked_successor_and_both_keys_work_during_the_overlap()
    {
        var old = await Host.IssueAsync(Admin, Scenarios.AKey("live", "chat:completions"));

        var successor = await RotateAsync(old.Id, null);

        successor.Id.ShouldNotBe(old.Id);
        successor.Secret.ShouldNotBe(old.Secret);
        successor.Scopes.ShouldBe(["chat:completions"]);
        await Host.VerifyUntilAsync(successor.Secret, 200, Generous);
        (await Host.VerifyAsync(old.Secret)).Status.ShouldBe(200);
        var oldView = await GetAsync(old.Id);
        oldView.SuccessorId.ShouldBe(successor.Id);
        oldView.ExpiresAt.ShouldNotBeNull().ShouldBeInRange(DateTimeOffset.UtcNow.AddHours(23), DateTimeOffset.UtcNow.AddHours(25));
        (await GetAsync(successor.Id)).PredecessorId.ShouldBe(old.Id);
    }

    [Fact]
    public async Task after_the_overlap_the_old_key_expires_by_itself_as_an_event()
    {
        var old = await Host.IssueAsync(Admin, Scenarios.AKey());

        var successor = await RotateAsync(old.Id, 1);

        await Host.VerifyUntilAsync(old.Secret, 401, Generous);
        var deadline = DateTime.UtcNow + Generous;
        while ((await GetAsync(old.Id)).Status != "expired" && DateTime.UtcNow < deadline) await Task.Delay(200, Ct);
        (await GetAsync(old.Id)).Status.ShouldBe("expired");
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.Events.FetchStreamAsync(old.Id, token: Ct)).Select(e => e.Data.GetType())
            .ShouldBe([typeof(ApiKeyIssued), typeof(ApiKeyRotated), typeof(ApiKeyExpired)]);
        (await Host.VerifyAsync(successor.Secret)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_key_is_rotated_once_and_never_when_revoked()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        var successor = await RotateAsync(key.Id, null);
        var revoked = await Host.IssueAsync(Admin, Scenarios.AKey());
        await Host.CommandAsync(Admin, revoked.Id, "revoke", new RevokeKey("gone"));

        (await Host.CommandAsync(Admin, key.Id, "rotate", new RotateKey(null))).ShouldBe(
            (409, $$"""{"statusCode":409,"error":"Conflict","message":"key was already rotated to {{successor.Id}}"}"""));
        (await Host.CommandAsync(Admin, revoked.Id, "rotate", new RotateKey(null))).Status.ShouldBe(409);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2_592_001)]
    public async Task an_overlap_out_of_range_is_400(int seconds)
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        (await Host.CommandAsync(Admin, key.Id, "rotate", new RotateKey(seconds))).Status.ShouldBe(400);
    }
}
