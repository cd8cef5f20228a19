using Platform.Dashboard.Components.Shared;

namespace Platform.Dashboard.Tests;

public class WhenTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 3, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(30, "just now")]
    [InlineData(-30, "in moments")]
    [InlineData(-12 * 60, "in 12 min")]
    [InlineData(5 * 3600, "5 h ago")]
    [InlineData(3 * 86400, "3 days ago")]
    [InlineData(-400 * 86400, "in 13 months")]
    [InlineData(-26326L * 86400, "in 72 years")]
    [InlineData(-365 * 86400 * 2L, "in 2 years")]
    public void spans_read_in_their_largest_sensible_unit_never_as_a_raw_count_of_days(long secondsAgo, string expected) =>
        When.Relative(Now.AddSeconds(-secondsAgo), Now).ShouldBe(expected);

    [Theory]
    [InlineData(1.5, "36 h")]
    [InlineData(2, "2 days")]
    [InlineData(59.9, "59 days")]
    [InlineData(60, "2 months")]
    [InlineData(729, "24 months")]
    [InlineData(730, "2 years")]
    public void units_change_where_the_smaller_one_stops_being_readable(double days, string expected) =>
        When.Span(TimeSpan.FromDays(days)).ShouldBe(expected);

    [Fact]
    public void an_instant_reads_as_a_date_with_its_exact_form_at_hand()
    {
        When.Format(Now).ShouldBe("5 Dec 2026, 14:03 UTC");
        When.Exact(Now).ShouldBe("2026-12-05T14:03:00Z");
        When.Format(null).ShouldBe("—");
        When.Relative(null, Now).ShouldBe("never");
    }
}
