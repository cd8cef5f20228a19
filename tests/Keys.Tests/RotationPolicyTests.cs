using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class RotationPolicyTests : IAsyncLifetime
{
    private IAlbaHost _host = null!;

    // A policy of seconds and a sweep several times a second, so the key comes due within the test.
    public async ValueTask InitializeAsync() =>
        _host = await ServiceHost.StartAsync<KeysApi>(web => web
            .UseSetting("Keys:RotationPolicy:MaxAge", "00:00:02")
            .UseSetting("Keys:RotationPolicy:SweepInterval", "00:00:00.2"));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task a_key_past_the_policy_age_shows_rotation_due_and_records_it_once()
    {
        var (_, admin) = await _host.CreateAccountAsync();
        var key = await _host.IssueAsync(admin, Scenarios.AKey());

        var deadline = DateTime.UtcNow.AddSeconds(30);
        KeyView view;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            view = JsonSerializer.Deserialize<KeyView>((await _host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}"), admin)).Body, JsonSerializerOptions.Web)!;
        } while (!view.RotationDue && DateTime.UtcNow < deadline);

        view.RotationDue.ShouldBeTrue();
        var (_, history) = await _host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}/history"), admin);
        JsonSerializer.Deserialize<List<KeyHistoryEntry>>(history, JsonSerializerOptions.Web)!
            .Count(e => e.Event == "rotation_due").ShouldBe(1);
    }

    [Fact]
    public void rotation_due_is_raised_once_and_never_for_a_rotated_or_finished_key()
    {
        var now = DateTimeOffset.UtcNow;
        var key = new ApiKey(Guid.NewGuid(), Guid.NewGuid(), "k", KeyEnvironment.Live, [], KeyStatus.Active, "h", "d", now, null);

        MarkRotationDueHandler.Decide(key, now).ShouldNotBeNull();
        MarkRotationDueHandler.Decide(key with { RotationDue = true }, now).ShouldBeNull();
        MarkRotationDueHandler.Decide(key with { SuccessorId = Guid.NewGuid() }, now).ShouldBeNull();
        MarkRotationDueHandler.Decide(key with { Status = KeyStatus.Revoked }, now).ShouldBeNull();
    }
}
