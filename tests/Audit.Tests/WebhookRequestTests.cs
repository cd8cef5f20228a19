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
using Platform.Sdk.ResourceServer;

namespace Platform.Audit.Tests;

public class WebhookRequestTests(AuditFixture fixture) : WebhookContext(fixture)
{
    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:192.168.0.1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    public async Task a_private_loopback_or_link_local_url_is_refused(string url)
    {
        using var _ = PrivateNetworks(allowed: false);

        var (status, body) = await Audit.SendAsync(s => s.Post.Json(new CreateWebhook(url, ["*"])).ToUrl("/api/webhooks"), Admin);

        status.ShouldBe(400);
        JsonSerializer.Deserialize<Refusal>(body, JsonSerializerOptions.Web)!.Message.ShouldBe(WebhookAddresses.Refusal);
    }

    [Theory]
    [InlineData("{\"url\":\"ftp://example.com/x\",\"eventTypes\":[\"*\"]}", "url must be an absolute http or https URL without credentials")]
    [InlineData("{\"url\":\"/relative\",\"eventTypes\":[\"*\"]}", "url must be an absolute http or https URL without credentials")]
    [InlineData("{\"url\":\"https://user:pw@example.com/\",\"eventTypes\":[\"*\"]}", "url must be an absolute http or https URL without credentials")]
    [InlineData("{\"eventTypes\":[\"*\"]}", "url must be an absolute http or https URL without credentials")]
    [InlineData("{\"url\":\"https://example.com/\",\"eventTypes\":[]}", "eventTypes must list")]
    [InlineData("{\"url\":\"https://example.com/\",\"eventTypes\":[\"NoSuchEvent\"]}", "eventTypes must list")]
    [InlineData("{\"url\":\"https://example.com/\"", "Invalid JSON format")]
    public async Task a_bad_webhook_request_is_400_in_the_seed_shape(string json, string message)
    {
        var (status, body) = await Audit.SendAsync(s =>
        {
            s.Post.Text(json).ToUrl("/api/webhooks");
            s.WithRequestHeader("Content-Type", "application/json");
        }, Admin);

        status.ShouldBe(400);
        var error = JsonSerializer.Deserialize<Refusal>(body, JsonSerializerOptions.Web)!;
        error.Error.ShouldBe("Bad Request");
        error.Message.ShouldStartWith(message);
    }

    [Theory]
    [InlineData("/api/webhooks/not-an-id/deliveries", "GET", 400)]
    [InlineData("/api/webhooks/0193a1d2-0000-7000-8000-0000000000ff/deliveries", "GET", 404)]
    [InlineData("/api/webhooks/not-an-id/test", "POST", 400)]
    [InlineData("/api/webhooks/0193a1d2-0000-7000-8000-0000000000ff/test", "POST", 404)]
    [InlineData("/api/webhooks/not-an-id/disable", "POST", 400)]
    [InlineData("/api/webhooks/0193a1d2-0000-7000-8000-0000000000ff/disable", "POST", 404)]
    [InlineData("/api/webhooks/not-an-id/enable", "POST", 400)]
    [InlineData("/api/webhooks/0193a1d2-0000-7000-8000-0000000000ff/enable", "POST", 404)]
    [InlineData("/api/webhooks/not-an-id/rotate-secret", "POST", 400)]
    [InlineData("/api/webhooks/0193a1d2-0000-7000-8000-0000000000ff/rotate-secret", "POST", 404)]
    [InlineData("/api/webhooks/not-an-id/deliveries/0193a1d2-0000-7000-8000-0000000000ff/retry", "POST", 400)]
    [InlineData("/api/webhooks/0193a1d2-0000-7000-8000-0000000000ff/deliveries/0193a1d2-0000-7000-8000-0000000000ff/retry", "POST", 404)]
    [InlineData("/api/webhooks/not-an-id", "DELETE", 400)]
    [InlineData("/api/webhooks/0193a1d2-0000-7000-8000-0000000000ff", "DELETE", 404)]
    public async Task an_unknown_or_malformed_webhook_id_is_a_4xx(string url, string method, int expected)
    {
        var (status, body) = await Audit.SendAsync(s =>
        {
            if (method == "GET") s.Get.Url(url);
            else if (method == "DELETE") s.Delete.Url(url);
            else s.Post.Url(url);
        }, Admin);

        status.ShouldBe(expected);
        JsonSerializer.Deserialize<Refusal>(body, JsonSerializerOptions.Web)!.StatusCode.ShouldBe(expected);
    }

    [Fact]
    public async Task another_accounts_webhook_is_not_found()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver.Url, "*");
        var (_, stranger) = await Keys.CreateAccountAsync();

        (await Audit.SendAsync(s => s.Get.Url($"/api/webhooks/{webhook.Id}/deliveries"), stranger)).Status.ShouldBe(404);
        (await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/test"), stranger)).Status.ShouldBe(404);
        var queued = Json.Read<WebhookTestQueued>((await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/test"), Admin)).Body);
        await AttemptsAsync(webhook.Id, 1);
        foreach (var verb in new[] { "disable", "enable", "rotate-secret", $"deliveries/{queued.DeliveryId}/retry" })
            (await Audit.SendAsync(s => s.Post.Url($"/api/webhooks/{webhook.Id}/{verb}"), stranger)).Status.ShouldBe(404, verb);
        (await Audit.SendAsync(s => s.Delete.Url($"/api/webhooks/{webhook.Id}"), stranger)).Status.ShouldBe(404);
        (await Audit.SendAsync(s => s.Get.Url("/api/webhooks"), Admin)).Body.ShouldContain(webhook.Id.ToString());
        (await Audit.SendAsync(s => s.Get.Url("/api/webhooks"), stranger)).Body.ShouldNotContain(webhook.Id.ToString());
    }

    [Theory]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("64:ff9b::5db8:d70e", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.16.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("ff02::1", false)]
    public void public_addresses_are_told_from_the_rest(string ip, bool isPublic) =>
        WebhookAddresses.IsPublic(System.Net.IPAddress.Parse(ip)).ShouldBe(isPublic);
}
