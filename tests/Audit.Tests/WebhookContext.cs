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

    protected async Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(Guid webhook, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            var result = await Audit.Scenario(s => s.As(Admin).Get.Url($"/api/webhooks/{webhook}/deliveries"));
            var attempts = (await result.ReadAsJsonAsync<DeliveryList>())!.Attempts;
            if (attempts.Count >= count) return attempts;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException($"fewer than {count} attempts recorded");
    }

    /// <summary>What a receiver does with the secret it was shown once: recompute the signature over t + "." + body.</summary>
    protected static bool SignatureHolds(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{body}"));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(mac)), Encoding.ASCII.GetBytes(parts["v1"]))
            && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(parts["t"])) < 300;
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
