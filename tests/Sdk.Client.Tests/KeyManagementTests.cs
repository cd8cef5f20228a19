using System.Net;
using Platform.Sdk.Client.Keys;
using Platform.Secrets;

namespace Platform.Sdk.Client.Tests;

public sealed class KeyManagementTests(PlatformFixture platform) : SdkContext(platform)
{
    [Fact]
    public async Task issuing_a_key_returns_a_well_formed_secret_once_and_reading_it_back_shows_only_its_display()
    {
        var issued = await Client.Keys.IssueAsync(new IssueKeyRequest("billing-worker", KeyEnvironments.Test, ["chat:completions", "usage:read"]), Ct);

        SecretFormat.IsApiKey(issued.Secret).ShouldBeTrue();
        issued.Secret.ShouldStartWith("sk_test_");
        issued.ToString().ShouldNotContain(issued.Secret);
        var read = await Client.Keys.GetAsync(issued.Id, ct: Ct);
        read.Name.ShouldBe("billing-worker");
        read.Environment.ShouldBe(KeyEnvironments.Test);
        read.Scopes.ShouldBe(["chat:completions", "usage:read"], ignoreOrder: true);
        read.Status.ShouldBe(KeyStatuses.Active);
        read.Display.ShouldEndWith(issued.Secret[^4..]);
        read.Version.ShouldBe(1);
    }

    [Fact]
    public async Task listing_pages_through_every_key_newest_first()
    {
        var issued = new List<Guid>();
        for (var i = 0; i < 5; i++) issued.Add((await Client.Keys.IssueAsync(new IssueKeyRequest($"key-{i}", Scopes: ["models:read"]), Ct)).Id);

        var first = await Client.Keys.ListAsync(new KeyListQuery(PageSize: 2), ct: Ct);
        first.Items.Count.ShouldBe(2);
        first.Next.ShouldNotBeNull();

        var callsBefore = Router.Calls("/api/keys");
        var all = new List<KeyView>();
        await foreach (var key in Client.Keys.ListAllAsync(new KeyListQuery(PageSize: 2), Ct)) all.Add(key);
        all.Count.ShouldBe(6); // the admin key and five more
        all.Select(k => k.Id).Distinct().Count().ShouldBe(6);
        all.Take(5).Select(k => k.Id).ShouldBe(Enumerable.Reverse(issued));
        (Router.Calls("/api/keys") - callsBefore).ShouldBe(3); // pages of 2, 2 and 2
    }

    [Fact]
    public async Task listing_filters_by_status()
    {
        var doomed = await Client.Keys.IssueAsync(new IssueKeyRequest("doomed"), Ct);
        await Client.Keys.RevokeAsync(doomed.Id, "no longer needed", ct: Ct);

        var revoked = await Client.Keys.ListAsync(new KeyListQuery(Status: KeyStatuses.Revoked), ct: Ct);

        revoked.Items.Select(k => k.Id).ShouldBe([doomed.Id]);
    }

    [Fact]
    public async Task rotating_a_key_issues_a_linked_successor_while_the_old_one_overlaps()
    {
        var old = await Client.Keys.IssueAsync(new IssueKeyRequest("rotating", Scopes: ["chat:completions"]), Ct);

        var successor = await Client.Keys.RotateAsync(old.Id, TimeSpan.FromMinutes(5), ct: Ct);

        successor.Id.ShouldNotBe(old.Id);
        SecretFormat.IsApiKey(successor.Secret).ShouldBeTrue();
        successor.Secret.ShouldNotBe(old.Secret);
        successor.Scopes.ShouldBe(["chat:completions"]);
        var before = await Client.Keys.GetAsync(old.Id, ct: Ct);
        before.SuccessorId.ShouldBe(successor.Id);
        before.Status.ShouldBe(KeyStatuses.Active);
        (await Client.Keys.GetAsync(successor.Id, ct: Ct)).PredecessorId.ShouldBe(old.Id);
        var again = await Should.ThrowAsync<PlatformConflictException>(() => Client.Keys.RotateAsync(old.Id, ct: Ct));
        again.ApiMessage.ShouldBe($"key was already rotated to {successor.Id}");
    }

    [Fact]
    public async Task revoking_a_key_is_final_in_its_history_and_as_of_shows_it_active_before()
    {
        var key = await Client.Keys.IssueAsync(new IssueKeyRequest("short-lived"), Ct);
        var beforeRevocation = DateTimeOffset.UtcNow;
        await Task.Delay(50, Ct);

        var revoked = await Client.Keys.RevokeAsync(key.Id, "leaked in a log", ct: Ct);

        revoked.Status.ShouldBe(KeyStatuses.Revoked);
        var history = await Client.Keys.HistoryAsync(key.Id, Ct);
        history.Select(h => h.Event).ShouldBe(["issued", "revoked"]);
        history[1].Details["reason"].GetString().ShouldBe("leaked in a log");
        (await Client.Keys.GetAsync(key.Id, beforeRevocation, Ct)).Status.ShouldBe(KeyStatuses.Active);
        var suspend = await Should.ThrowAsync<PlatformConflictException>(() => Client.Keys.SuspendAsync(key.Id, "too late", ct: Ct));
        suspend.ApiMessage.ShouldBe("key is revoked");
    }

    [Fact]
    public async Task a_command_with_a_stale_version_fails_with_a_conflict()
    {
        var key = await Client.Keys.IssueAsync(new IssueKeyRequest("contended"), Ct);
        var read = await Client.Keys.GetAsync(key.Id, ct: Ct);

        var renamed = await Client.Keys.RenameAsync(key.Id, "first-writer", read.Version, Ct);
        renamed.Version.ShouldBe(read.Version + 1);
        var conflict = await Should.ThrowAsync<PlatformConflictException>(() => Client.Keys.ChangeScopesAsync(key.Id, ["models:read"], read.Version, Ct));

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflict.Error.ShouldBe("Conflict");
        conflict.ApiMessage.ShouldNotBeNullOrWhiteSpace();
        (await Client.Keys.GetAsync(key.Id, ct: Ct)).Scopes.ShouldBeEmpty();
        (await Client.Keys.ChangeScopesAsync(key.Id, ["models:read"], renamed.Version, Ct)).Scopes.ShouldBe(["models:read"]);
    }

    [Fact]
    public async Task suspending_and_reinstating_round_trips()
    {
        var key = await Client.Keys.IssueAsync(new IssueKeyRequest("pausable"), Ct);

        (await Client.Keys.SuspendAsync(key.Id, "investigating", ct: Ct)).Status.ShouldBe(KeyStatuses.Suspended);
        (await Client.Keys.ReinstateAsync(key.Id, ct: Ct)).Status.ShouldBe(KeyStatuses.Active);
        (await Client.Keys.HistoryAsync(key.Id, Ct)).Select(h => h.Event).ShouldBe(["issued", "suspended", "reinstated"]);
    }

    [Fact]
    public async Task usage_of_a_fresh_key_is_an_empty_range()
    {
        var key = await Client.Keys.IssueAsync(new IssueKeyRequest("idle"), Ct);
        var to = DateTimeOffset.UtcNow;

        var usage = await Client.Keys.UsageAsync(key.Id, to.AddMinutes(-30), to, Ct);

        usage.KeyId.ShouldBe(key.Id);
        usage.Total.ShouldBe(0);
        usage.Minutes.ShouldBeEmpty();
        (await Client.Keys.AccountUsageAsync(ct: Ct)).Keys.ShouldNotContain(k => k.KeyId == key.Id);
    }

    [Fact]
    public async Task the_usage_feed_is_ready_first_then_names_a_key_once_its_use_is_written()
    {
        var key = await LiveKeyAsync("chat:completions");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(40));
        await using var changes = Client.Keys.UsageChangesAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        (await changes.MoveNextAsync()).ShouldBeTrue();
        changes.Current.Kind.ShouldBe(UsageChangeKind.Ready);
        await Platform.KeyVerifiesAsync(key.Secret);
        do (await changes.MoveNextAsync()).ShouldBeTrue();
        while (!changes.Current.Ids.Contains(key.Id));
        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var usage = await Client.Keys.AccountUsageAsync(to.AddHours(-1), to, TimeSpan.FromMinutes(30), Ct);

        changes.Current.Kind.ShouldBe(UsageChangeKind.Usage);
        changes.Current.AccountId.ShouldNotBe(Guid.Empty);
        usage.BucketMinutes.ShouldBe(30);
        usage.Keys.Single(k => k.KeyId == key.Id).Total.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void a_usage_bucket_is_whole_minutes_up_to_a_day()
    {
        var to = DateTimeOffset.UtcNow;

        Should.Throw<ArgumentOutOfRangeException>(() => { _ = Client.Keys.AccountUsageAsync(to.AddHours(-1), to, TimeSpan.FromSeconds(90)); });
        Should.Throw<ArgumentOutOfRangeException>(() => { _ = Client.Keys.UsageAsync(Guid.NewGuid(), to.AddHours(-1), to, TimeSpan.FromDays(2)); });
    }
}
