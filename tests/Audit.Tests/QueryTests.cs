using System.Net;
using Platform.Audit.Log;
using Platform.Contracts.Keys;
using Platform.Sdk.ResourceServer.Platform;
using Wolverine.Tracking;
using Platform.Sdk.ResourceServer;

namespace Platform.Audit.Tests;

public class QueryTests(AuditFixture fixture) : AuditContext(fixture)
{
    [Fact]
    public async Task events_are_filtered_by_subject_and_listed_newest_first()
    {
        var keyId = Guid.CreateVersion7();
        var older = Scenarios.AKeyIssued(keyId, Account) with { OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) };
        var newer = new KeyRevoked(Guid.CreateVersion7(), keyId, Account, "leaked", "tester", DateTimeOffset.UtcNow);
        await Audit.InvokeMessageAndWaitAsync(older);
        await Audit.InvokeMessageAndWaitAsync(newer);
        await Audit.InvokeMessageAndWaitAsync(Scenarios.AKeyIssued(Guid.CreateVersion7(), Account));

        var page = await Audit.PageAsync(Admin, $"?subject={keyId}");

        page.Items.Select(e => e.Id).ShouldBe([newer.EventId, older.EventId]);
    }

    [Fact]
    public async Task a_caller_sees_only_its_own_accounts_entries()
    {
        var (otherAccount, otherAdmin) = await Keys.CreateAccountAsync();
        var mine = Scenarios.AKeyIssued(Guid.CreateVersion7(), Account);
        var theirs = Scenarios.AKeyIssued(Guid.CreateVersion7(), otherAccount);
        await Audit.InvokeMessageAndWaitAsync(mine);
        await Audit.InvokeMessageAndWaitAsync(theirs);

        (await Audit.PageAsync(Admin, "")).Items.Select(e => e.Id).ShouldBe([mine.EventId]);
        (await Audit.PageAsync(otherAdmin, "")).Items.Select(e => e.Id).ShouldBe([theirs.EventId]);
        (await Audit.PageAsync(Admin, $"?subject={theirs.KeyId}")).Items.ShouldBeEmpty();
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/events?account={otherAccount}"), Admin)).Status.ShouldBe(403);
    }

    [Fact]
    public async Task events_are_filtered_by_actor_type_and_time_and_paged_by_cursor_in_either_order()
    {
        var keyId = Guid.CreateVersion7();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var events = Enumerable.Range(0, 5).Select(i => (IKeyEvent)new KeyRenamed(Guid.CreateVersion7(), keyId, Account, $"n{i}", i % 2 == 0 ? "key:even" : "key:odd", start.AddMinutes(i))).ToList();
        foreach (var e in events) await Audit.InvokeMessageAndWaitAsync(e);
        await Audit.InvokeMessageAndWaitAsync(new KeyRevoked(Guid.CreateVersion7(), keyId, Account, "done", "key:even", start.AddMinutes(10)));

        (await Audit.PageAsync(Admin, "?actor=key:even&type=KeyRenamed&order=asc")).Items.Select(e => e.Id)
            .ShouldBe([events[0].EventId, events[2].EventId, events[4].EventId]);
        var window = $"&from={Uri.EscapeDataString(start.AddMinutes(1).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(3).ToString("O"))}";
        (await Audit.PageAsync(Admin, $"?order=asc{window}")).Items.Select(e => e.Id).ShouldBe([events[1].EventId, events[2].EventId]);

        var first = await Audit.PageAsync(Admin, "?limit=4");
        var second = await Audit.PageAsync(Admin, $"?limit=4&cursor={first.NextCursor}");
        first.Items.Count.ShouldBe(4);
        second.Items.Count.ShouldBe(2);
        second.NextCursor.ShouldBeNull();
        first.Items.Concat(second.Items).Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Descending);
        var ascending = await Audit.PageAsync(Admin, "?order=asc&limit=3");
        var rest = await Audit.PageAsync(Admin, $"?order=asc&limit=3&cursor={ascending.NextCursor}");
        ascending.Items.Concat(rest.Items).Select(e => e.Id).ShouldBe(first.Items.Concat(second.Items).Select(e => e.Id).Reverse());
    }

    [Theory]
    [InlineData("/api/audit/events?limit=0", 400, "limit must be between 1 and 200")]
    [InlineData("/api/audit/events?limit=201", 400, "limit must be between 1 and 200")]
    [InlineData("/api/audit/events?limit=ten", 400, "limit must be between 1 and 200")]
    [InlineData("/api/audit/events?subject=not-a-guid", 400, "subject must be an id")]
    [InlineData("/api/audit/events?account=x", 400, "account must be an account id or 'platform'")]
    [InlineData("/api/audit/events?from=yesterday", 400, "from must be an ISO 8601 instant")]
    [InlineData("/api/audit/events?to=2026-13-45", 400, "to must be an ISO 8601 instant")]
    [InlineData("/api/audit/events?order=sideways", 400, "order must be asc or desc")]
    [InlineData("/api/audit/events?cursor=-1", 400, "cursor is not one this endpoint returned")]
    [InlineData("/api/audit/events?cursor=abc", 400, "cursor is not one this endpoint returned")]
    [InlineData("/api/audit/verify?subject=nope", 400, "subject must be an id")]
    [InlineData("/api/audit/verify?subject=0193a1d2-0000-7000-8000-0000000000ff", 404, "no audited subject 0193a1d2-0000-7000-8000-0000000000ff")]
    [InlineData("/api/audit/export?subject=%00", 400, "query parameter 'subject' must not contain the NUL character (U+0000)")]
    [InlineData("/api/audit/subjects/not-an-id/as-of?at=2026-01-01T00:00:00Z", 400, "id must be a subject id")]
    [InlineData("/api/audit/subjects/0193a1d2-0000-7000-8000-0000000000ff/as-of", 400, "at must be an ISO 8601 instant")]
    [InlineData("/api/audit/subjects/0193a1d2-0000-7000-8000-0000000000ff/as-of?at=soon", 400, "at must be an ISO 8601 instant")]
    [InlineData("/api/audit/subjects/0193a1d2-0000-7000-8000-0000000000ff/as-of?at=2026-01-01T00:00:00Z", 404, "no audited subject 0193a1d2-0000-7000-8000-0000000000ff")]
    public async Task bad_input_is_a_4xx_in_the_seed_error_shape_never_a_500(string url, int status, string message)
    {
        var (actual, body) = await Audit.SendAsync(s => s.Get.Url(url), Admin);

        actual.ShouldBe(status);
        System.Text.Json.JsonSerializer.Deserialize<Refusal>(body, System.Text.Json.JsonSerializerOptions.Web)
            .ShouldBe(new Refusal(status, status == 400 ? "Bad Request" : "Not Found", message));
    }

    [Theory]
    [InlineData(null, "API key is missing")]
    [InlineData("Basic abc", "Authorization must use the Bearer scheme")]
    [InlineData("Bearer a b", "Bearer token is missing or malformed")]
    [InlineData("Bearer sk_live_notarealkey", "API key is malformed")]
    public async Task a_missing_or_bad_key_is_401_in_the_seed_shape_with_keys_reason(string? header, string message)
    {
        var result = await Audit.Scenario(s =>
        {
            if (header is not null) s.WithRequestHeader("Authorization", header);
            s.Get.Url("/api/audit/events");
            s.StatusCodeShouldBe(401);
        });

        (await result.ReadAsJsonAsync<Refusal>()).ShouldBe(new Refusal(401, "Unauthorized", message));
    }

    [Theory]
    [InlineData(null, "Bearer")]
    [InlineData("Basic abc", "Bearer")]
    [InlineData("Bearer sk_live_notarealkey", "Bearer error=\"invalid_token\"")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer error=\"invalid_token\"")]
    public async Task a_presented_but_refused_token_is_challenged_as_invalid_token_and_none_with_the_bare_scheme(string? header, string challenge)
    {
        var result = await Audit.Scenario(s =>
        {
            if (header is not null) s.WithRequestHeader("Authorization", header);
            s.Get.Url("/api/audit/events");
            s.StatusCodeShouldBe(401);
        });

        result.Context.Response.Headers.WWWAuthenticate.ToString().ShouldBe(challenge);
    }

    [Fact]
    public async Task a_key_without_audit_read_or_keys_manage_is_403_naming_audit_read()
    {
        var reader = await Keys.IssueKeyAsync(Admin, scope: "usage:read");
        // Keys' index learns of the new key through a notification: 401 until it has.
        var (status, body) = (401, "");
        for (var attempt = 0; attempt < 200 && status == 401; attempt++, await Task.Delay(25, Ct))
            (status, body) = await Audit.SendAsync(s => s.Get.Url("/api/audit/events"), reader.Secret);

        (status, body).ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"API key lacks the required scope 'audit:read' (or keys:manage)"}"""));
    }

    [Theory]
    [InlineData(401, 401)]
    [InlineData(429, 429)]
    [InlineData(500, 503)]
    [InlineData(503, 503)]
    [InlineData(400, 503)]
    public async Task a_refusal_from_keys_blames_the_caller_only_when_the_key_is_at_fault(int keys, int answered)
    {
        var client = new KeysApiClient(new AnsweringFactory((HttpStatusCode)keys));

        var (key, refusal) = await client.VerifyAsync(Admin, [], null, Ct);

        key.ShouldBeNull();
        refusal.ShouldNotBeNull().StatusCode.ShouldBe(answered);
    }

    /// <summary>A Keys that answers every verify with one status, in its error shape.</summary>
    private sealed class AnsweringFactory(HttpStatusCode status) : HttpMessageHandler, IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { BaseAddress = new Uri("http://keys-api") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent($$"""{"statusCode":{{(int)status}},"error":"x","message":"refused"}""", System.Text.Encoding.UTF8, "application/json"),
            });
    }

    [Theory]
    [InlineData("{\"enabled\":\"yes\"}")]
    [InlineData("{\"enabled\":")]
    public async Task a_malformed_quarantine_setting_is_400_and_changes_nothing(string json)
    {
        var (status, body) = await Audit.SendAsync(s =>
        {
            s.Put.Text(json).ToUrl("/api/audit/quarantine");
            s.WithRequestHeader("Content-Type", "application/json");
        }, Admin);

        status.ShouldBe(400);
        System.Text.Json.JsonSerializer.Deserialize<Refusal>(body, System.Text.Json.JsonSerializerOptions.Web)!.Error.ShouldBe("Bad Request");
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/quarantine"), Admin)).Body.ShouldContain("\"enabled\":false");
    }
}
