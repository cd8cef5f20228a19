using System.Net;
using System.Net.Sockets;

namespace Platform.Audit.Usage;

/// <summary>Section "Audit:Anomalies": when a key's usage counts as unusual.</summary>
public sealed class AnomalyOptions
{
    public const string Section = "Audit:Anomalies";

    /// <summary>A minute is a spike above this many times the baseline (the mean of the key's busy minutes in the window).</summary>
    public double SpikeFactor { get; set; } = 5;

    /// <summary>Below this many requests in a minute nothing is a spike, whatever the baseline.</summary>
    public long MinimumSpikeCount { get; set; } = 20;

    /// <summary>Minutes of use the baseline needs before spikes are judged.</summary>
    public int MinimumBaselineMinutes { get; set; } = 3;

    public TimeSpan BaselineWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The anomaly rules, pure: spikes against a baseline, and IP ranges never seen.</summary>
public static class AnomalyRules
{
    /// <summary>The baseline (mean of the earlier minutes' totals) when <paramref name="total"/> is a spike against it.</summary>
    public static double? Spike(long total, IReadOnlyCollection<long> earlierMinuteTotals, AnomalyOptions options)
    {
        if (earlierMinuteTotals.Count < options.MinimumBaselineMinutes || total < options.MinimumSpikeCount) return null;
        var baseline = earlierMinuteTotals.Average();
        return total > options.SpikeFactor * baseline ? baseline : null;
    }

    /// <summary>The network an address belongs to for "never seen" purposes: its /24 (IPv4) or /48 (IPv6).</summary>
    public static string? RangeOf(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address)) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var (keep, bits) = address.AddressFamily == AddressFamily.InterNetwork ? (3, 24) : (6, 48);
        for (var i = keep; i < bytes.Length; i++) bytes[i] = 0;
        return $"{new IPAddress(bytes)}/{bits}";
    }

    /// <summary>Ranges in <paramref name="ips"/> a key with history has never used; none for a key's first use.</summary>
    public static IReadOnlyList<string> NewRanges(IEnumerable<string> ips, IReadOnlyCollection<string> known) =>
        known.Count == 0 ? [] : [.. ips.Select(RangeOf).OfType<string>().Distinct().Where(r => !known.Contains(r)).Order()];
}
