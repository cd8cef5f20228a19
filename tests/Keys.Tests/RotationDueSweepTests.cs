using System.Text.Json;
using Alba;
using JasperFx;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>The sweep that replaced a message scheduled per key: nothing waits in the inbox, and racing sweeps record each key once.</summary>
public class RotationDueSweepTests : IAsyncLifetime
{
    private IAlbaHost _host = null!;

    // The timer never fires within a test: each one sweeps by hand.
    public async ValueTask InitializeAsync() =>
        _host = await ServiceHost.StartAsync<KeysApi>(web => web
            .UseSetting("Keys:RotationPolicy:MaxAge", "00:00:01")
            .UseSetting("Keys:RotationPolicy:SweepInterval", "01:00:00"));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private RotationDueSweep Sweep => _host.Services.GetServices<IHostedService>().OfType<RotationDueSweep>().Single();

    [Fact]
    public async Task issuing_a_key_leaves_nothing_waiting_in_the_inbox_every_poll_reads()
    {
        var (_, admin) = await _host.CreateAccountAsync();

        for (var i = 0; i < 5; i++) await _host.IssueAsync(admin, Scenarios.AKey());

        // Note: only this kind is counted; other tests' short expiries come and go in the same table meanwhile.
        (await ScheduledRotationDueRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task sweeps_racing_each_other_record_rotation_due_once_per_key()
    {
        var (_, admin) = await _host.CreateAccountAsync();
        var keys = new List<IssuedKey>();
        for (var i = 0; i < 3; i++) keys.Add(await _host.IssueAsync(admin, Scenarios.AKey()));
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);

        // Both sweep the same page; one commits its mark and messages, the other's commit fails and sends nothing.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                while (await Sweep.SweepPageAsync(TestContext.Current.CancellationToken) == RotationDueSweep.Page) { }
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        }));
        outcomes.ShouldContain(true);

        foreach (var key in keys)
        {
            var history = await WaitForRotationDueAsync(admin, key.Id);
            history.Count(e => e.Event == "rotation_due").ShouldBe(1);
        }
        // And a sweep after everything was seen finds nothing more to send.
        (await Sweep.SweepPageAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    private async Task<List<KeyHistoryEntry>> WaitForRotationDueAsync(string admin, Guid keyId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, body) = await _host.SendAsync(s => s.Get.Url($"/api/keys/{keyId}/history"), admin);
            var history = JsonSerializer.Deserialize<List<KeyHistoryEntry>>(body, JsonSerializerOptions.Web)!;
            // A second copy would land right after the first: give it the time to.
            if (history.Any(e => e.Event == "rotation_due") || DateTime.UtcNow > deadline)
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
                var (_, again) = await _host.SendAsync(s => s.Get.Url($"/api/keys/{keyId}/history"), admin);
                return JsonSerializer.Deserialize<List<KeyHistoryEntry>>(again, JsonSerializerOptions.Web)!;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task<long> ScheduledRotationDueRowsAsync()
    {
        await using var command = _host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select count(*) from keys.wolverine_incoming_envelopes where status = 'Scheduled' and message_type = '{typeof(MarkRotationDue).FullName}'");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
