using Alba;
using Platform.Audit.Log;
using Platform.ServiceDefaults;
using Wolverine.Tracking;

namespace Platform.Audit.Tests;

public class QueryAuditEventsTests(AuditFixture fixture) : AuditContext(fixture)
{
    [Fact]
    public async Task events_are_filtered_by_subject_and_listed_newest_first()
    {
        var keyId = Guid.CreateVersion7();
        var older = Scenarios.AKeyIssued(keyId) with { OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        var newer = Scenarios.AKeyIssued(keyId);
        await Audit.InvokeMessageAndWaitAsync(older);
        await Audit.InvokeMessageAndWaitAsync(newer);
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(Guid.CreateVersion7()));

        var entries = await Audit.EventsForAsync(keyId);

        entries.Select(e => e.Id).ShouldBe([newer.EventId, older.EventId]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    public async Task a_limit_out_of_range_is_400_in_the_seed_error_shape(string limit)
    {
        var result = await Audit.Scenario(s =>
        {
            s.Get.Url($"/api/audit/events?limit={limit}");
            s.StatusCodeShouldBe(400);
        });

        (await result.ReadAsJsonAsync<ApiError>()).ShouldBe(new ApiError(400, "Bad Request", "limit must be between 1 and 200"));
    }

    [Fact]
    public async Task a_malformed_subject_id_is_400_not_500()
    {
        var result = await Audit.Scenario(s =>
        {
            s.Get.Url("/api/audit/events?subject=not-a-guid");
            s.StatusCodeShouldBe(400);
        });

        (await result.ReadAsJsonAsync<ApiError>()).ShouldBe(new ApiError(400, "Bad Request", "subject must be an id"));
    }

    [Fact]
    public void an_entry_keeps_actor_source_time_and_trace()
    {
        var e = Scenarios.AKeyIssued(Guid.CreateVersion7());
        var now = DateTimeOffset.UtcNow;

        var entry = RecordKeyEventsHandler.Record(e, now, "4bf92f3577b34da6a3ce929d0e0e4736");

        entry.ShouldBeEquivalentTo(entry with
        {
            Id = e.EventId, SubjectId = e.KeyId, Actor = "tester", Source = "keys-api", OccurredAt = e.OccurredAt,
            RecordedAt = now, TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        });
    }
}
