using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Audit.Webhooks;

/// <summary>What one delivery attempt came to.</summary>
public sealed record SendResult(bool Delivered, int? StatusCode, string? Error);

/// <summary>
/// Posts signed webhook bodies. Its own HttpClient: no redirects and no proxy (either would reach an
/// address nobody checked), and no automatic retries: every attempt is Wolverine's, and recorded.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "Platform-Signature";
    public const string DeliveryHeader = "Platform-Delivery";
    public const string EventHeader = "Platform-Event";
    private readonly HttpClient _http;

    public WebhookSender(IOptionsMonitor<WebhookOptions> options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await WebhookAddresses.ResolveAsync(context.DnsEndPoint.Host, options.CurrentValue.AllowPrivateNetworks, ct);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { Timeout = options.CurrentValue.Timeout };
    }

    /// <summary>
    /// Stripe-style: <c>t=unix-seconds,v1=hex(HMAC-SHA256(secret, t + "." + body))</c>, one <c>v1</c> per secret (the
    /// current one first; a rotated-out one too during its overlap), so a receiver holding either secret verifies.
    /// </summary>
    public static string Signature(IEnumerable<string> secrets, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds();
        var signed = Encoding.UTF8.GetBytes($"{t}.{body}");
        return string.Join(',', secrets.Select(secret => $"v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}").Prepend($"t={t}"));
    }

    public async Task<SendResult> SendAsync(Uri url, IReadOnlyList<string> secrets, Guid deliveryId, string eventType, string body, DateTimeOffset now, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, Signature(secrets, now, body));
        request.Headers.Add(DeliveryHeader, deliveryId.ToString());
        request.Headers.Add(EventHeader, eventType);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            return new(response.IsSuccessStatusCode, status, response.IsSuccessStatusCode ? null : $"receiver answered {status}");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            return new(false, null, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return new(false, null, $"connection failed ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(false, null, "receiver did not answer in time");
        }
    }

    public void Dispose() => _http.Dispose();
}
