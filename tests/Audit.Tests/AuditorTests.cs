using Alba;
using Platform.Contracts.Keys;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

/// <summary>An auditor (audit:read) reads everything Audit shows and changes nothing.</summary>
public class AuditorTests(AuditFixture fixture) : AuditContext(fixture)
{
    [Fact]
    public async Task an_auditor_key_reads_verifies_exports_and_replays_the_log()
    {
        var auditor = await UsableKeyAsync("audit:read");
        var key = Guid.CreateVersion7();
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(key, Account));
        var at = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));

        (await Audit.EventsForAsync(auditor, key)).ShouldHaveSingleItem();
        (await Audit.VerifyAsync(auditor)).Intact.ShouldBeTrue();
        foreach (var url in new[] { "/api/audit/export", $"/api/audit/subjects/{key}/as-of?at={at}", $"/api/audit/subjects/{key}/report", "/api/webhooks", "/api/audit/quarantine" })
        {
            var (status, body) = await Audit.SendAsync(s => s.Get.Url(url), auditor);
            status.ShouldBe(200, $"{url}: {body}");
        }
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/export"), auditor)).Body.ShouldContain(key.ToString());
    }

    [Fact]
    public async Task an_auditor_gets_403_creating_or_testing_a_webhook_or_changing_the_quarantine_policy()
    {
        var auditor = await UsableKeyAsync("audit:read");
        var (created, body) = await Audit.SendAsync(s => s.Post.Json(new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" } }).ToUrl("/api/webhooks"), Admin);
        created.ShouldBe(201, body);
        var webhook = Json.Read<Webhooks.CreatedWebhook>(body);
        const string refusal = """{"statusCode":403,"error":"Forbidden","message":"API key lacks the required scope 'keys:manage'"}""";

        (await Audit.SendAsync(s => s.Post.Json(new { url = "http://127.0.0.1:9/other", eventTypes = new[] { "*" } }).ToUrl("/api/webhooks"), auditor))
            .ShouldBe((403, refusal));
        (await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/test"), auditor)).ShouldBe((403, refusal));
        (await Audit.SendAsync(s => s.Put.Json(new { enabled = true }).ToUrl("/api/audit/quarantine"), auditor)).ShouldBe((403, refusal));
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/quarantine"), auditor)).Body.ShouldContain("\"enabled\":false");
    }

    [Fact]
    public async Task an_auditor_reads_a_webhooks_deliveries_but_gets_403_disabling_enabling_deleting_rotating_or_resending()
    {
        var auditor = await UsableKeyAsync("audit:read");
        var (created, body) = await Audit.SendAsync(s => s.Post.Json(new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" } }).ToUrl("/api/webhooks"), Admin);
        created.ShouldBe(201, body);
        var webhook = Json.Read<Webhooks.CreatedWebhook>(body);
        var queued = Json.Read<Webhooks.WebhookTestQueued>((await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/test"), Admin)).Body);
        const string refusal = """{"statusCode":403,"error":"Forbidden","message":"API key lacks the required scope 'keys:manage'"}""";

        var (read, deliveries) = await Audit.SendAsync(s => s.Get.Url($"/api/webhooks/{webhook.Id}/deliveries"), auditor);
        read.ShouldBe(200, deliveries);
        foreach (var verb in new[] { "disable", "enable", "rotate-secret", $"deliveries/{queued.DeliveryId}/retry" })
            (await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/{verb}"), auditor)).ShouldBe((403, refusal), verb);
        (await Audit.SendAsync(s => s.Delete.Url($"/api/webhooks/{webhook.Id}"), auditor)).ShouldBe((403, refusal));
        (await Audit.SendAsync(s => s.Get.Url("/api/webhooks"), Admin)).Body.ShouldContain("\"enabled\":true");
    }

    [Fact]
    public async Task an_auditors_access_token_reads_and_is_refused_changes_naming_the_scope_needed()
    {
        var token = TestAccessTokens.ForUser(Guid.CreateVersion7(), Account, "audit:read");

        (await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), token)).Status.ShouldBe(200);
        (await Audit.SendAsync(s => s.Put.Json(new { enabled = true }).ToUrl("/api/audit/quarantine"), token))
            .ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"Access token lacks the required scope 'keys:manage'"}"""));
    }

    /// <summary>A key of <see cref="AuditContext.Account"/>, once Keys' index (fed by a notification) accepts it at Audit.</summary>
    private async Task<string> UsableKeyAsync(string scope)
    {
        var key = await Keys.IssueKeyAsync(Admin, scope);
        await Poll.UntilAsync(async () => (await Audit.SendAsync(s => s.Get.Url("/api/audit/quarantine"), key.Secret)).Status != 401);
        return key.Secret;
    }
}
