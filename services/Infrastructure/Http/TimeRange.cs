using System.Globalization;

namespace Platform.Infrastructure.Http;

/// <summary>
/// The <c>from</c>/<c>to</c> query of the usage reports: [from, to), the last hour by default, at most 31 days;
/// and <c>bucketMinutes</c>, the width of each point of their series.
/// </summary>
public static class TimeRange
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);
    public const int MaxBucketMinutes = 1440;

    public static (DateTimeOffset Start, DateTimeOffset End, string? Problem) Parse(string? from, string? to, DateTimeOffset now)
    {
        var end = now;
        var start = now.AddHours(-1);
        if (to is not null && !DateTimeOffset.TryParse(to, out end)) return (start, end, "to must be an ISO 8601 instant");
        if (from is not null && !DateTimeOffset.TryParse(from, out start)) return (start, end, "from must be an ISO 8601 instant");
        if (from is null) start = end.AddHours(-1);
        if (start >= end || end - start > MaxSpan) return (start, end, "from must be before to, at most 31 days apart");
        return (start, end, null);
    }

    /// <summary>Whole minutes from 1 to a day, 1 by default.</summary>
    public static (int Minutes, string? Problem) ParseBucket(string? bucketMinutes) =>
        bucketMinutes is null ? (1, null)
        : int.TryParse(bucketMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= MaxBucketMinutes ? (minutes, null)
        : (1, $"bucketMinutes must be a whole number of minutes from 1 to {MaxBucketMinutes}");

    /// <summary>
    /// The start of the bucket holding <paramref name="minute"/>: buckets are counted from the Unix epoch, so
    /// 60-minute buckets start on the hour and 1,440-minute ones at midnight UTC.
    /// </summary>
    public static DateTimeOffset BucketOf(DateTimeOffset minute, int bucketMinutes)
    {
        var seconds = minute.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds - seconds % (bucketMinutes * 60L));
    }
}
