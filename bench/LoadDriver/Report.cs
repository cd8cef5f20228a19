namespace Platform.Bench;

public static class Report
{
    public static void Throughput(string name, LoadResult result, LoadResult? baseline)
    {
        var ratio = baseline is null ? "" : $"  = {result.PerSecond / baseline.PerSecond:0.00} x no-op";
        Console.WriteLine($"{name,-44} {result.PerSecond,8:0} req/s  p50 {P(result.LatenciesMs, 50),6:0.0} ms  p99 {P(result.LatenciesMs, 99),6:0.0} ms  errors {result.Errors}{ratio}");
    }

    public static void Delivery(int rate, LoadResult paced, DeliveryResult delivery)
    {
        Console.WriteLine($"paced issue at {rate}/s: achieved {paced.PerSecond:0}/s, HTTP p50 {P(paced.LatenciesMs, 50):0.0} ms p99 {P(paced.LatenciesMs, 99):0.0} ms, errors {paced.Errors}");
        Console.WriteLine($"issue -> audit entry: p50 {P(delivery.DelaysMs, 50):0} ms  p99 {P(delivery.DelaysMs, 99):0} ms  max {(delivery.DelaysMs.Length == 0 ? 0 : delivery.DelaysMs.Max()):0} ms  missing {delivery.Missing} of {paced.Ids.Count}");
    }

    public static void Revocation(double[] delaysMs) => Latency("revoke -> refused by verify", delaysMs);

    public static void Latency(string name, double[] delaysMs) =>
        Console.WriteLine($"{name}: p50 {P(delaysMs, 50):0.0} ms  p99 {P(delaysMs, 99):0.0} ms  max {delaysMs.Max():0.0} ms  ({delaysMs.Length} samples)");

    /// <summary>A figure for a table: two decimals below 10, one below 100, whole numbers above.</summary>
    public static string Figure(double value) => value switch
    {
        double.NaN => "–",
        < 10 => value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>min / median / max of repetitions' values (<paramref name="separator"/> " | " for a table's three columns).</summary>
    public static string Spread(IEnumerable<double> values, string separator = " / ")
    {
        var sorted = values.Order().ToArray();
        return string.Join(separator, Figure(sorted[0]), Figure(sorted[sorted.Length / 2]), Figure(sorted[^1]));
    }

    public static double P(double[] values, int percentile)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
