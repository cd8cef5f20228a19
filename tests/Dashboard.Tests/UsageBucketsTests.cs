using Platform.Dashboard.Components.Usage;
using Platform.Sdk.Client.Keys;

namespace Platform.Dashboard.Tests;

public class UsageBucketsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 3, 20, TimeSpan.Zero);

    [Fact]
    public void the_last_hour_is_sixty_minute_bars_ending_with_the_current_minute_and_empty_minutes_are_zero()
    {
        var bars = UsageBuckets.Fold([], UsageRange.Hour, Now);

        bars.Count.ShouldBe(60);
        bars[^1].Start.ShouldBe(new DateTimeOffset(2026, 12, 5, 14, 3, 0, TimeSpan.Zero));
        bars.ShouldAllBe(b => b.Total == 0);
    }

    [Fact]
    public void allowed_and_refused_fold_into_their_bucket_with_the_reasons_added_up_and_outside_samples_left_out()
    {
        var halfPast = new DateTimeOffset(2026, 12, 5, 13, 30, 0, TimeSpan.Zero);
        UsagePoint[] points =
        [
            new(halfPast, 5, new KeyRefusals(RateLimited: 2, ScopeDenied: 0, Revoked: 0, Suspended: 0, Expired: 0)),
            new(halfPast.AddMinutes(10), 1, new KeyRefusals(1, 3, 0, 0, 0)),
            new(halfPast.AddDays(-2), 100, KeyRefusals.None),
        ];

        var bars = UsageBuckets.Fold(points.Select(UsageBuckets.Of), UsageRange.Day, Now);

        bars.Count.ShouldBe(48);
        var bar = bars.Single(b => b.Total > 0);
        (bar.Start, bar.Allowed, bar.Refused).ShouldBe((halfPast, 6L, 6L));
        bar.Reasons.ShouldBe(new Dictionary<string, long> { ["rate-limited"] = 3, ["scope denied"] = 3 }, ignoreOrder: true);
        StackedChart.Tip(bar).ShouldBe("5 Dec 2026, 13:30 UTC: 6 allowed, 6 refused (3 rate-limited, 3 scope denied)");
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(7, 10)]
    [InlineData(11, 20)]
    [InlineData(130, 200)]
    [InlineData(4_999, 5_000)]
    [InlineData(5_001, 10_000)]
    public void the_axis_top_is_the_largest_bar_rounded_up_to_one_two_or_five_times_a_power_of_ten(long max, long top) =>
        StackedChart.Scale(max).ShouldBe(top);

    [Fact]
    public void nothing_refused_is_said_as_none() => UsageBuckets.Describe(UsageBuckets.Reasons(KeyRefusals.None)).ShouldBe("none");
}
