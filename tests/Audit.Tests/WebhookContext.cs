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

/// <summary>What webhook tests share: subscribing, reading attempts, checking signatures as a receiver does.</summary>
public abstract class WebhookContext(AuditFixture fixture) : AuditContext(fixture)
{
    protected async Task<CreatedWebhook> SubscribeAsync(string url, params string[] types)
    {
        var result = await Audit.Scenario(s =>
        {
            s.As(Admin).Post.Json(new CreateWebhook(url, types)).ToUrl("/api/webhooks");
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<CreatedWebhook>())!;
    }

    protected async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Guid webhook)
    {
        var result = await Audit.Scenario(s => s.As(Admin).Get.Url($"/api/webhooks/{webhook}/deliveries"));
        return (await result.ReadAsJsonAsync<DeliveryList>())!.Deliveries;
    }

    /// <summary>Every attempt of every delivery, oldest first, once there are at least <paramref name="count"/>.</summary>
    protected async Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(Guid webhook, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            var attempts = (await DeliveriesAsync(webhook)).SelectMany(d => d.Attempts).OrderBy(a => a.At).ThenBy(a => a.Attempt).ToList();
            if (attempts.Count >= count) return attempts;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException($"fewer than {count} attempts recorded");
    }

    /// <summary>
    /// What a receiver does with the secret it was shown once, as Stripe's libraries do: recompute the signature over
    /// t + "." + body and accept the delivery when any of the header's v1 values matches (several during a rotation).
    /// </summary>
    protected static bool SignatureHolds(string secret, string header, string body)
    {
        var (t, signatures) = ParseSignature(header);
        var mac = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"))));
        return signatures.Any(v1 => CryptographicOperations.FixedTimeEquals(mac, Encoding.ASCII.GetBytes(v1)))
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(t)) < 300;
    }

    protected static (string T, IReadOnlyList<string> V1) ParseSignature(string header)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToList();
        return (parts.Single(p => p[0] == "t")[1], [.. parts.Where(p => p[0] == "v1").Select(p => p[1])]);
    }

    /// <summary>Flips Audit:Webhooks:AllowPrivateNetworks on the running host (the fixture allows them) for one test.</summary>
    protected IDisposable PrivateNetworks(bool allowed)
    {
        var configuration = (IConfigurationRoot)Audit.Services.GetRequiredService<IConfiguration>();
        configuration["Audit:Webhooks:AllowPrivateNetworks"] = allowed.ToString();
        configuration.Reload();
        return new Restore(configuration);
    }

    private sealed class Restore(IConfigurationRoot configuration) : IDisposable
    {
        public void Dispose()
        {
            configuration["Audit:Webhooks:AllowPrivateNetworks"] = "true";
            configuration.Reload();
        }
    }
}
