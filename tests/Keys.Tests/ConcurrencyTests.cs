using System.Text.Json;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class ConcurrencyTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private async Task<KeyView?> GetAsync(Guid id)
    {
        var (status, body) = await Host.SendAsync(s => s.Get.Url($"/api/keys/{id}"), Admin);
        return status == 200 ? JsonSerializer.Deserialize<KeyView>(body, JsonSerializerOptions.Web) : null;
    }

    [Fact]
    public async Task racing_revoke_and_rotate_never_leave_a_key_half_changed()
    {
        var keys = new List<IssuedKey>();
        for (var i = 0; i < 8; i++) keys.Add(await Host.IssueAsync(Admin, Scenarios.AKey()));

        var outcomes = await Task.WhenAll(keys.Select(async key =>
        {
            var revoke = Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("race"));
            var rotate = Host.CommandAsync(Admin, key.Id, "rotate", new RotateKey(null));
            return (key, revoke: (await revoke).Status, rotate: await rotate);
        }));

        foreach (var (key, revoke, rotate) in outcomes)
        {
            revoke.ShouldBeOneOf(200, 409);
            rotate.Status.ShouldBeOneOf(201, 409);
            var old = (await GetAsync(key.Id)).ShouldNotBeNull();
            if (rotate.Status == 201)
            {
                // The rotation committed as a whole: the old key links a successor that exists and links back.
                var successorId = JsonSerializer.Deserialize<IssuedKey>(rotate.Body, JsonSerializerOptions.Web)!.Id;
                old.SuccessorId.ShouldBe(successorId);
                (await GetAsync(successorId)).ShouldNotBeNull().PredecessorId.ShouldBe(key.Id);
            }
            else
            {
                old.SuccessorId.ShouldBeNull();
            }
            if (revoke == 200) old.Status.ShouldBe("revoked");
        }
    }
}
