using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Audit.Webhooks;
using Platform.Contracts.Audit;
using Platform.Contracts.Keys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

public class WebhookTests(AuditFixture fixture) : WebhookContext(fixture)
{
    [Fact]
    public async Task a_subscribed_event_is_delivered_signed_so_the_receiver_can_verify_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, nameof(KeyRevoked));
        var key = Guid.CreateVersion7();

        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(key, Account));
        await Audit.InvokeMessageAndWaitAsync(new KeyRevoked(Guid.CreateVersion7(), key, Account, "leaked", "tester", DateTimeOffset.UtcNow));

        var received = (await receiver.WaitForAsync(1)).ShouldHaveSingleItem();
        webhook.Secret.ShouldStartWith("whsec_");
        SignatureHolds(webhook.Secret, received.Signature!, received.Body).ShouldBeTrue();
        SignatureHolds(webhook.Secret, received.Signature!, received.Body.Replace("leaked", "lost")).ShouldBeFalse();
        received.EventType.ShouldBe(nameof(KeyRevoked));
        var payload = JsonDocument.Parse(received.Body).RootElement;
        payload.GetProperty("type").GetString().ShouldBe(nameof(KeyRevoked));
        payload.GetProperty("data").GetProperty("subjectId").GetGuid().ShouldBe(key);
        payload.GetProperty("data").GetProperty("event").GetProperty("reason").GetString().ShouldBe("leaked");
        (await AttemptsAsync(webhook.Id, 1)).ShouldHaveSingleItem().Outcome.ShouldBe(WebhookAttempt.Delivered);
    }

    [Fact]
    public async Task the_secret_is_shown_once_and_stored_only_protected()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, "*");

        var (_, list) = await Audit.SendAsync(s => s.Get.Url("/api/webhooks"), Admin);
        list.ShouldContain(webhook.Id.ToString());
        list.ShouldNotContain(webhook.Secret);
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("select data::text from audit.mt_doc_webhook", connection);
        var stored = (string)(await command.ExecuteScalarAsync(Ct))!;
        stored.ShouldNotContain(webhook.Secret);
        stored.ShouldNotContain(webhook.Secret["whsec_".Length..]);
    }

    [Fact]
    public async Task a_test_delivery_is_retried_with_growing_delays_while_the_receiver_fails()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var webhook = await SubscribeAsync(receiver.Url, nameof(KeyIssued));

        var queued = await Audit.Scenario(s =>
        {
            s.As(Admin).Post.Url($"/api/webhooks/{webhook.Id}/test");
            s.StatusCodeShouldBe(202);
        });

        var requests = await receiver.WaitForAsync(3);
        var attempts = await AttemptsAsync(webhook.Id, 3);
        requests.Count.ShouldBe(3);
        requests.Select(r => r.Delivery).Distinct().ShouldHaveSingleItem().ShouldBe((await queued.ReadAsJsonAsync<WebhookTestQueued>())!.DeliveryId.ToString());
        requests.ShouldAllBe(r => SignatureHolds(webhook.Secret, r.Signature!, r.Body));
        attempts.Select(a => (a.Attempt, a.Outcome)).ShouldBe([(1, WebhookAttempt.Failed), (2, WebhookAttempt.Failed), (3, WebhookAttempt.Delivered)]);
        attempts[0].StatusCode.ShouldBe(503);
        // Backoff: 200 ms, then 400 ms (the fixture's first delay, doubled).
        var first = requests[1].At - requests[0].At;
        var second = requests[2].At - requests[1].At;
        first.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(180));
        second.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380));
    }

    [Fact]
    public async Task a_delivery_that_keeps_failing_is_dead_lettered_after_the_configured_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var webhook = await SubscribeAsync(receiver.Url, "*");

        await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/test"), Admin);

        var attempts = await AttemptsAsync(webhook.Id, 3);
        await Task.Delay(1000, Ct);
        attempts.Select(a => a.Outcome).ShouldBe([WebhookAttempt.Failed, WebhookAttempt.Failed, WebhookAttempt.DeadLettered]);
        receiver.Requests.Count.ShouldBe(3);
        (await DeadLettersAsync()).ShouldBeGreaterThanOrEqualTo(1);
    }

    private async Task<long> DeadLettersAsync()
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"select count(*) from audit.wolverine_dead_letters where message_type like '%{nameof(DeliverWebhook)}%'", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task unusual_usage_reaches_the_accounts_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, nameof(UnusualUsageDetected));
        var key = Guid.CreateVersion7();
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        KeyUsageReported Report(int minute, long count) =>
            new(Guid.CreateVersion7(), key, Account, "r1", start.AddMinutes(minute), count, start.AddMinutes(minute), ["203.0.113.1"], "system", DateTimeOffset.UtcNow);
        for (var m = 0; m < 4; m++) await Audit.InvokeMessageAndWaitAsync(Report(m, 10));

        await Audit.InvokeMessageAndWaitAsync(Report(4, 400));

        var received = (await receiver.WaitForAsync(1)).ShouldHaveSingleItem();
        SignatureHolds(webhook.Secret, received.Signature!, received.Body).ShouldBeTrue();
        JsonDocument.Parse(received.Body).RootElement.GetProperty("data").GetProperty("event").GetProperty("kind").GetString()
            .ShouldBe(UnusualUsageDetected.VolumeSpike);
    }

    [Fact]
    public async Task an_address_refused_at_delivery_time_is_never_contacted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, "*");
        using (PrivateNetworks(allowed: false))
        {
            await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/test"), Admin);
            var attempts = await AttemptsAsync(webhook.Id, 3);
            attempts.ShouldAllBe(a => a.Error == WebhookAddresses.Refusal);
        }
        receiver.Requests.ShouldBeEmpty();
    }
}
