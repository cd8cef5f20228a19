using System.Net;
using System.Net.Sockets;

namespace Platform.Audit.Webhooks;

/// <summary>The host of a webhook URL resolves only to addresses a delivery may reach.</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);

/// <summary>
/// Note: every address a host resolves to is checked, at subscription and again at each connection (so a
/// DNS answer that changes after the check cannot steer a delivery into a private network).
/// </summary>
public static class WebhookAddresses
{
    public const string Refusal = "url must not point at a private, loopback or link-local address";

    public static async Task<IPAddress[]> ResolveAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0) throw new WebhookAddressRefusedException("url host does not resolve");
        if (!allowPrivate && addresses.Any(a => !IsPublic(a))) throw new WebhookAddressRefusedException(Refusal);
        return addresses;
    }

    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128) // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && b[1] is 18 or 19));
        }
        var v6 = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits: judge that one.
        if (v6[..12].SequenceEqual(Nat64Prefix)) return IsPublic(new IPAddress(v6[12..]));
        return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC); // unique local fc00::/7
    }
}
