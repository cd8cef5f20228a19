using Platform.Contracts;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Keys.Tests;

public class LifecycleTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private async Task<IReadOnlyList<object>> EventsOf(Guid id)
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return (await session.Events.FetchStreamAsync(id, token: Ct)).Select(e => e.Data).ToList();
    }

    private static KeyView View(string body) => JsonSerializer.Deserialize<KeyView>(body, JsonSerializerOptions.Web)!;

    [Fact]
    public async Task rename_appends_ApiKeyRenamed_and_answers_the_new_version_as_etag()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        var result = await Host.Scenario(s => s.As(Admin).Post.Json(new RenameKey("billing-worker")).ToUrl($"/api/keys/{key.Id}/rename"));

        result.Context.Response.Headers.ETag.ToString().ShouldBe("\"2\"");
        View(await result.ReadAsTextAsync()).ShouldSatisfyAllConditions(v => v.Name.ShouldBe("billing-worker"), v => v.Version.ShouldBe(2));
        (await EventsOf(key.Id)).Last().ShouldBeOfType<ApiKeyRenamed>().Name.ShouldBe("billing-worker");
    }

    [Fact]
    public async Task scopes_are_replaced_exactly()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey("live", "chat:completions", "models:read"));

        var (status, body) = await Host.SendAsync(s => s.Put.Json(new ChangeKeyScopes(["usage:read"])).ToUrl($"/api/keys/{key.Id}/scopes"), Admin);

        status.ShouldBe(200);
        View(body).Scopes.ShouldBe(["usage:read"]);
    }

    [Fact]
    public async Task revoke_is_final_and_repeating_it_changes_nothing()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        (await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("leaked in a public repo"))).Status.ShouldBe(200);
        var again = await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("again"));

        again.Status.ShouldBe(200);
        View(again.Body).Status.ShouldBe("revoked");
        (await EventsOf(key.Id)).Count.ShouldBe(2);
        (await Host.CommandAsync(Admin, key.Id, "suspend", new SuspendKey("x"))).ShouldBe((409, """{"statusCode":409,"error":"Conflict","message":"key is revoked"}"""));
        (await Host.CommandAsync(Admin, key.Id, "reinstate")).Status.ShouldBe(409);
        (await Host.CommandAsync(Admin, key.Id, "rename", new RenameKey("y"))).Status.ShouldBe(409);
    }

    [Fact]
    public async Task suspend_and_reinstate_are_reversible()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        View((await Host.CommandAsync(Admin, key.Id, "suspend", new SuspendKey("unusual traffic"))).Body).Status.ShouldBe("suspended");
        View((await Host.CommandAsync(Admin, key.Id, "reinstate")).Body).Status.ShouldBe("active");

        (await EventsOf(key.Id)).Select(e => e.GetType()).ShouldBe([typeof(ApiKeyIssued), typeof(ApiKeySuspended), typeof(ApiKeyReinstated)]);
    }

    [Theory]
    [InlineData("\"1\"", 200)]
    [InlineData("\"7\"", 409)]
    [InlineData("W/\"1\"", 400)]
    [InlineData("one", 400)]
    public async Task if_match_guards_a_command_with_the_expected_version(string ifMatch, int status)
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        var (actual, body) = await Host.CommandAsync(Admin, key.Id, "rename", new RenameKey("renamed"), ifMatch);

        actual.ShouldBe(status);
        if (status != 200) body.ShouldStartWith($"{{\"statusCode\":{status},");
        (await EventsOf(key.Id)).Count.ShouldBe(status == 200 ? 2 : 1);
    }

    [Theory]
    [InlineData("not-a-guid", 400)]
    [InlineData("00000000-0000-0000-0000-000000000000", 404)]
    [InlineData("0193a1d2-0000-7000-8000-0000000000ff", 404)]
    public async Task a_bad_or_unknown_key_id_gets_a_4xx_in_the_seed_shape(string id, int status)
    {
        foreach (var (s, body) in new[]
                 {
                     await Host.SendAsync(x => x.Get.Url($"/api/keys/{id}"), Admin),
                     await Host.SendAsync(x => x.Post.Json(new RevokeKey("r")).ToUrl($"/api/keys/{id}/revoke"), Admin),
                 })
        {
            s.ShouldBe(status);
            body.ShouldStartWith($"{{\"statusCode\":{status},");
        }
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task a_command_on_an_id_that_is_not_a_key_id_still_needs_a_credential_first(string id)
    {
        var (status, body) = await Host.SendAsync(x => x.Post.Json(new RevokeKey("r")).ToUrl($"/api/keys/{id}/revoke"));

        status.ShouldBe(401);
        body.ShouldStartWith("{\"statusCode\":401,");
    }

    [Theory]
    [InlineData("revoke", """{"reason":""}""")]
    [InlineData("suspend", """{}""")]
    [InlineData("rename", """{"name":""}""")]
    [InlineData("revoke", "null")]
    [InlineData("suspend", "null")]
    [InlineData("rename", "null")]
    [InlineData("rotate", "null")]
    public async Task commands_without_their_required_input_get_400(string verb, string body)
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        var (status, answer) = await Host.SendAsync(s =>
        {
            s.Post.Text(body).ToUrl($"/api/keys/{key.Id}/{verb}");
            s.WithRequestHeader("Content-Type", "application/json");
        }, Admin);

        status.ShouldBe(400);
        answer.ShouldStartWith("{\"statusCode\":400,\"error\":\"Bad Request\"");
    }

    [Fact]
    public async Task each_change_is_announced_through_the_outbox()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("rotating vendors"))));

        // One copy per consuming service's queue: Audit records it, Tokens and Agents cascade it.
        var sent = tracked.Sent.Envelopes().Where(e => e.Message is KeyRevoked).ToArray();
        sent.Select(e => e.Destination!.ToString()).Order().ShouldBe([$"postgresql://{Queues.Agents}/", $"postgresql://{Queues.Audit}/", $"postgresql://{Queues.Tokens}/"]);
        sent.Select(e => e.Message).Distinct().ShouldHaveSingleItem().ShouldBeOfType<KeyRevoked>().ShouldSatisfyAllConditions(
            r => r.KeyId.ShouldBe(key.Id), r => r.Reason.ShouldBe("rotating vendors"), r => r.AccountId.ShouldBe(AccountId));
    }
}
