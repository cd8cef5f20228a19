using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Audit.Webhooks;
using Platform.Contracts.Keys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

/// <summary>Disabling, deleting, rotating the secret of and resending to a webhook, as a receiver sees it.</summary>
public class WebhookManagementTests(AuditFixture fixture) : WebhookContext(fixture)
{
    private async Task<T> PostAsync<T>(string url, object? body = null, int status = 200)
    {
        var result = await Audit.Scenario(s =>
        {
            s.As(Admin);
            if (body is null) s.Post.Url(url);
            else s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    private Task RecordAsync() => Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(Guid.CreateVersion7(), Account));

    [Fact]
    public async Task a_disabled_webhook_receives_nothing_while_an_enabled_one_does_until_it_is_enabled_again()
    {
        await using var off = await WebhookReceiver.StartAsync();
        await using var on = await WebhookReceiver.StartAsync();
        var disabled = await SubscribeAsync(off.Url, "*");
        await SubscribeAsync(on.Url, "*");

        var view = await PostAsync<WebhookView>($"/api/webhooks/{disabled.Id}/disable");
        await RecordAsync();
        await on.WaitForAsync(1);
        await Task.Delay(500, Ct);

        view.Enabled.ShouldBeFalse();
        view.DisabledAt.ShouldNotBeNull();
        on.Requests.Count.ShouldBe(1);
        off.Requests.ShouldBeEmpty();
        (await DeliveriesAsync(disabled.Id)).ShouldBeEmpty();
        (await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{disabled.Id}/test"), Admin)).Status.ShouldBe(409);
        (await Audit.SendAsync(s => s.Get.Url("/api/webhooks"), Admin)).Body.ShouldContain("\"enabled\":false");

        var enabled = await PostAsync<WebhookView>($"/api/webhooks/{disabled.Id}/enable");
        await RecordAsync();

        enabled.Enabled.ShouldBeTrue();
        enabled.DisabledAt.ShouldBeNull();
        (await off.WaitForAsync(1)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task disabling_a_webhook_stops_the_retries_of_a_delivery_already_under_way()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var held = new TaskCompletionSource();
        receiver.Gate = held.Task;
        var webhook = await SubscribeAsync(receiver.Url, "*");
        await PostAsync<WebhookTestQueued>($"/api/webhooks/{webhook.Id}/test", status: 202);
        await receiver.WaitForAsync(1);

        // Disabled while the first attempt waits for its answer (a 503): the retry after it must not go out.
        await PostAsync<WebhookView>($"/api/webhooks/{webhook.Id}/disable");
        held.SetResult();
        var attempts = await AttemptsAsync(webhook.Id, 2);
        await Task.Delay(1000, Ct);

        receiver.Requests.Count.ShouldBe(1);
        attempts.Select(a => (a.Attempt, a.Outcome)).ShouldBe([(1, WebhookAttempt.Failed), (2, WebhookAttempt.Stopped)]);
        var delivery = (await DeliveriesAsync(webhook.Id)).ShouldHaveSingleItem();
        delivery.Outcome.ShouldBe(WebhookDelivery.Stopped);
        delivery.AttemptCount.ShouldBe(1);
        delivery.LastStatusCode.ShouldBe(503);
    }

    [Fact]
    public async Task a_deleted_webhook_is_gone_from_the_list_and_its_pending_retries_stop()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue);
        var held = new TaskCompletionSource();
        receiver.Gate = held.Task;
        var webhook = await SubscribeAsync(receiver.Url, "*");
        await PostAsync<WebhookTestQueued>($"/api/webhooks/{webhook.Id}/test", status: 202);
        await receiver.WaitForAsync(1);

        var (deleted, _) = await Audit.SendAsync(s => s.Delete.Url($"/api/webhooks/{webhook.Id}"), Admin);
        held.SetResult();
        await Task.Delay(1500, Ct);
        await RecordAsync();

        deleted.ShouldBe(204);
        receiver.Requests.Count.ShouldBe(1);
        (await Audit.SendAsync(s => s.Get.Url("/api/webhooks"), Admin)).Body.ShouldNotContain(webhook.Id.ToString());
        (await Audit.SendAsync(s => s.Get.Url($"/api/webhooks/{webhook.Id}/deliveries"), Admin)).Status.ShouldBe(404);
        (await Audit.SendAsync(s => s.Delete.Url($"/api/webhooks/{webhook.Id}"), Admin)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task a_rotation_signs_with_both_secrets_during_the_overlap_and_with_the_new_one_after_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, "*");

        var rotated = await PostAsync<RotatedWebhookSecret>($"/api/webhooks/{webhook.Id}/rotate-secret", new { overlapSeconds = 4 });
        await PostAsync<WebhookTestQueued>($"/api/webhooks/{webhook.Id}/test", status: 202);
        var during = (await receiver.WaitForAsync(1))[0];
        await Task.Delay(rotated.PreviousSecretValidUntil!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), Ct);
        await PostAsync<WebhookTestQueued>($"/api/webhooks/{webhook.Id}/test", status: 202);
        var after = (await receiver.WaitForAsync(2))[1];

        rotated.Secret.ShouldStartWith("whsec_");
        rotated.Secret.ShouldNotBe(webhook.Secret);
        during.Signature!.ShouldStartWith("t=");
        ParseSignature(during.Signature!).V1.Count.ShouldBe(2);
        SignatureHolds(rotated.Secret, during.Signature!, during.Body).ShouldBeTrue();
        SignatureHolds(webhook.Secret, during.Signature!, during.Body).ShouldBeTrue();
        ParseSignature(after.Signature!).V1.ShouldHaveSingleItem();
        SignatureHolds(rotated.Secret, after.Signature!, after.Body).ShouldBeTrue();
        SignatureHolds(webhook.Secret, after.Signature!, after.Body).ShouldBeFalse();
        (await StoredWebhookAsync()).ShouldNotContain(rotated.Secret["whsec_".Length..]);
    }

    [Fact]
    public async Task a_rotation_without_a_body_keeps_the_old_secret_for_a_day_and_one_with_no_overlap_drops_it_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, "*");

        var defaulted = await PostAsync<RotatedWebhookSecret>($"/api/webhooks/{webhook.Id}/rotate-secret");
        var immediate = await PostAsync<RotatedWebhookSecret>($"/api/webhooks/{webhook.Id}/rotate-secret", new { overlapSeconds = 0 });
        await PostAsync<WebhookTestQueued>($"/api/webhooks/{webhook.Id}/test", status: 202);
        var received = (await receiver.WaitForAsync(1)).ShouldHaveSingleItem();

        (defaulted.PreviousSecretValidUntil - defaulted.RotatedAt).ShouldBe(TimeSpan.FromHours(24));
        immediate.PreviousSecretValidUntil.ShouldBeNull();
        ParseSignature(received.Signature!).V1.ShouldHaveSingleItem();
        SignatureHolds(immediate.Secret, received.Signature!, received.Body).ShouldBeTrue();
        SignatureHolds(defaulted.Secret, received.Signature!, received.Body).ShouldBeFalse();
        var stored = await StoredWebhookAsync();
        stored.ShouldNotContain(defaulted.Secret["whsec_".Length..]);
        stored.ShouldNotContain(immediate.Secret["whsec_".Length..]);
    }

    [Theory]
    [InlineData("""{"overlapSeconds":-1}""", "application/json", 400)]
    [InlineData("""{"overlapSeconds":604801}""", "application/json", 400)]
    [InlineData("""{"overlapSeconds":"soon"}""", "application/json", 400)]
    [InlineData("""{"overlapSeconds":""", "application/json", 400)]
    [InlineData("overlap=60", "application/x-www-form-urlencoded", 415)]
    [InlineData("null", "application/json", 200)]
    [InlineData("""{"overlapSeconds":604800}""", "application/json", 200)]
    public async Task an_unreadable_or_out_of_range_rotation_body_is_refused_and_an_absent_one_is_the_default(string body, string contentType, int status)
    {
        var webhook = await SubscribeAsync("http://127.0.0.1:9/hook", "*");

        var (answered, text) = await Audit.SendAsync(s =>
        {
            s.Post.Text(body).ToUrl($"/api/webhooks/{webhook.Id}/rotate-secret");
            s.WithRequestHeader("Content-Type", contentType);
        }, Admin);

        answered.ShouldBe(status, text);
        if (status != 200) text.ShouldStartWith($"{{\"statusCode\":{status},");
    }

    [Fact]
    public async Task deliveries_are_answered_one_per_delivery_with_their_attempts_and_outcome()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var webhook = await SubscribeAsync(receiver.Url, "*");

        var queued = await PostAsync<WebhookTestQueued>($"/api/webhooks/{webhook.Id}/test", status: 202);
        await AttemptsAsync(webhook.Id, 2);

        var delivery = (await DeliveriesAsync(webhook.Id)).ShouldHaveSingleItem();
        delivery.DeliveryId.ShouldBe(queued.DeliveryId);
        delivery.EventType.ShouldBe(WebhookEvents.Test);
        delivery.AttemptCount.ShouldBe(2);
        delivery.LastStatusCode.ShouldBe(200);
        delivery.Outcome.ShouldBe(WebhookDelivery.Delivered);
        delivery.FirstAttemptAt.ShouldBeLessThan(delivery.LastAttemptAt);
        delivery.Attempts.Select(a => (a.Attempt, a.StatusCode)).ShouldBe([(1, (int?)503), (2, (int?)200)]);
    }

    [Fact]
    public async Task a_delivery_is_sent_again_under_its_own_id_and_not_while_the_webhook_is_disabled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, "*");
        var queued = await PostAsync<WebhookTestQueued>($"/api/webhooks/{webhook.Id}/test", status: 202);
        await AttemptsAsync(webhook.Id, 1);

        var retried = await PostAsync<DeliveryRetryQueued>($"/api/webhooks/{webhook.Id}/deliveries/{queued.DeliveryId}/retry", status: 202);
        var requests = await receiver.WaitForAsync(2);
        await AttemptsAsync(webhook.Id, 2);

        retried.DeliveryId.ShouldBe(queued.DeliveryId);
        requests.Select(r => r.Delivery).Distinct().ShouldHaveSingleItem().ShouldBe(queued.DeliveryId.ToString());
        requests[1].Body.ShouldBe(requests[0].Body);
        SignatureHolds(webhook.Secret, requests[1].Signature!, requests[1].Body).ShouldBeTrue();
        var delivery = (await DeliveriesAsync(webhook.Id)).ShouldHaveSingleItem();
        delivery.AttemptCount.ShouldBe(2);
        delivery.Outcome.ShouldBe(WebhookDelivery.Delivered);

        await PostAsync<WebhookView>($"/api/webhooks/{webhook.Id}/disable");
        var (status, body) = await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/deliveries/{queued.DeliveryId}/retry"), Admin);
        status.ShouldBe(409, body);
        (await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/deliveries/{Guid.CreateVersion7()}/retry"), Admin)).Status.ShouldBe(404);
        (await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/deliveries/not-an-id/retry"), Admin)).Status.ShouldBe(400);
    }

    [Fact]
    public async Task the_delivery_outcome_is_the_latest_attempts()
    {
        var delivery = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        WebhookAttempt Attempt(int n, string outcome, int? status) =>
            new(Guid.CreateVersion7(), Guid.Empty, Guid.Empty, delivery, "KeyRevoked", n, at.AddSeconds(n), status, outcome, null);

        ListDeliveriesEndpoint.Summarize([Attempt(2, WebhookAttempt.Failed, 500), Attempt(1, WebhookAttempt.Failed, 503)])
            .ShouldHaveSingleItem().Outcome.ShouldBe(WebhookDelivery.FailedRetrying);
        var dead = ListDeliveriesEndpoint.Summarize([Attempt(1, WebhookAttempt.Failed, 503), Attempt(2, WebhookAttempt.DeadLettered, null)]).Single();
        dead.Outcome.ShouldBe(WebhookDelivery.DeadLettered);
        dead.LastStatusCode.ShouldBeNull();
        dead.Attempts.Select(a => a.Attempt).ShouldBe([1, 2]);
        var stopped = ListDeliveriesEndpoint.Summarize([Attempt(1, WebhookAttempt.Failed, 503), Attempt(2, WebhookAttempt.Stopped, null)]).Single();
        (stopped.Outcome, stopped.AttemptCount, stopped.LastStatusCode).ShouldBe((WebhookDelivery.Stopped, 1, (int?)503));
    }

    [Fact]
    public async Task of_two_changes_to_one_webhook_read_at_the_same_version_the_second_to_commit_fails()
    {
        var webhook = await SubscribeAsync("http://127.0.0.1:9/hook", "*");
        var store = Audit.Services.GetRequiredService<IDocumentStore>();
        await using var rotating = store.LightweightSession();
        await using var disabling = store.LightweightSession();
        var a = (await rotating.LoadAsync<Webhook>(webhook.Id, Ct))!;
        var b = (await disabling.LoadAsync<Webhook>(webhook.Id, Ct))!;

        rotating.Store(RotateWebhookSecretEndpoint.Decide(a, "protected", TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
        await rotating.SaveChangesAsync(Ct);
        disabling.Store(DisableWebhookEndpoint.Decide(b, DateTimeOffset.UtcNow));

        await Should.ThrowAsync<JasperFx.ConcurrencyException>(() => disabling.SaveChangesAsync(Ct));
    }

    [Fact]
    public void the_replaced_secret_signs_only_until_its_overlap_ends()
    {
        var now = DateTimeOffset.UtcNow;
        var webhook = new Webhook(Guid.CreateVersion7(), Guid.Empty, "https://example.com/", ["*"], "old", "tester", now);

        var rotated = RotateWebhookSecretEndpoint.Decide(webhook, "new", TimeSpan.FromMinutes(5), now);

        rotated.SigningSecretsAt(now).ShouldBe(["new", "old"]);
        rotated.SigningSecretsAt(now.AddMinutes(5)).ShouldBe(["new"]);
        RotateWebhookSecretEndpoint.Decide(rotated, "newer", TimeSpan.FromMinutes(5), now).SigningSecretsAt(now).ShouldBe(["newer", "new"]);
        RotateWebhookSecretEndpoint.Decide(webhook, "new", TimeSpan.Zero, now).SigningSecretsAt(now).ShouldBe(["new"]);
        WebhookSender.Signature(["a", "b"], now, "{}").Split(',').Select(p => p[..2]).ShouldBe(["t=", "v1", "v1"]);
    }

    private async Task<string> StoredWebhookAsync()
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("select data::text from audit.mt_doc_webhook", connection);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
