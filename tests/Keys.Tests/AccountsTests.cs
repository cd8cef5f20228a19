using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts;
using Platform.Contracts.Accounts;
using Platform.Contracts.Keys;
using Platform.Keys.Accounts;
using Platform.Keys.ApiKeys;
using Platform.Secrets;
using Platform.Testing;
using Wolverine.Tracking;

namespace Platform.Keys.Tests;

/// <summary>Operators open, list, suspend and reinstate accounts; a team's admin sees its own account and nothing else.</summary>
public class AccountsTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    // KeysContext's Admin is the bootstrap's first key: the operator account's, holding accounts:manage.

    private async Task<OpenedAccount> OpenAsync(string name)
    {
        var (status, body) = await Host.SendAsync(s => s.Post.Json(new OpenAccount(name)).ToUrl("/api/accounts"), Admin);
        status.ShouldBe(201, body);
        var opened = Read<OpenedAccount>(body);
        await Host.VerifyUntilAsync(opened.AdminKey.Secret, 200, TimeSpan.FromSeconds(10));
        return opened;
    }

    private Task<(int Status, string Body)> AccountCommandAsync(Guid account, string verb, object? body = null, string? asKey = null) =>
        Host.SendAsync(s =>
        {
            if (body is null) s.Post.Url($"/api/accounts/{account}/{verb}");
            else s.Post.Json(body).ToUrl($"/api/accounts/{account}/{verb}");
        }, asKey ?? Admin);

    [Fact]
    public async Task an_operator_opens_two_accounts_and_neither_admin_sees_anything_of_the_other()
    {
        var a = await OpenAsync("team-a");
        var b = await OpenAsync("team-b");

        a.AdminKey.Scopes.ShouldBe([Scopes.KeysManage]);
        a.Account.Operator.ShouldBeFalse();
        var aKey = await Host.IssueAsync(a.AdminKey.Secret, Scenarios.AKey());

        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{aKey.Id}"), b.AdminKey.Secret)).Status.ShouldBe(404);
        (await Host.CommandAsync(b.AdminKey.Secret, aKey.Id, "revoke", new RevokeKey("not mine"))).Status.ShouldBe(404);
        var (_, bList) = await Host.SendAsync(s => s.Get.Url("/api/keys"), b.AdminKey.Secret);
        Read<KeyPage>(bList).Items.ShouldAllBe(k => k.AccountId == b.Account.Id);
        Read<KeyPage>(bList).Items.ShouldNotContain(k => k.Id == aKey.Id);

        // Each admin knows its own account, and manages no account.
        var (ownStatus, own) = await Host.SendAsync(s => s.Get.Url("/api/account"), a.AdminKey.Secret);
        ownStatus.ShouldBe(200);
        Read<AccountView>(own).ShouldSatisfyAllConditions(v => v.Id.ShouldBe(a.Account.Id), v => v.Name.ShouldBe("team-a"), v => v.Operator.ShouldBeFalse());
        (await Host.SendAsync(s => s.Get.Url("/api/accounts"), a.AdminKey.Secret)).Status.ShouldBe(403);
        (await Host.SendAsync(s => s.Post.Json(new OpenAccount("sneaky")).ToUrl("/api/accounts"), a.AdminKey.Secret)).Status.ShouldBe(403);
        (await AccountCommandAsync(b.Account.Id, "suspend", new SuspendAccount("rival"), a.AdminKey.Secret)).Status.ShouldBe(403);

        // The operator lists both, newest first.
        var (listStatus, list) = await Host.SendAsync(s => s.Get.Url("/api/accounts?limit=2"), Admin);
        listStatus.ShouldBe(200);
        Read<AccountPage>(list).Items.Select(i => i.Name).ShouldBe(["team-b", "team-a"]);
    }

    [Fact]
    public async Task no_team_can_give_a_key_the_operators_scope_not_even_with_admin()
    {
        var team = await OpenAsync("team-admin");
        var teamAdmin = await Host.IssueAsync(team.AdminKey.Secret, Scenarios.AKey("live", Scopes.Admin));

        var (status, body) = await Host.SendAsync(s => s.Post.Json(Scenarios.AKey("live", Scopes.AccountsManage)).ToUrl("/api/keys"), teamAdmin.Secret);
        status.ShouldBe(400);
        body.ShouldContain("accounts:manage");
        var key = await Host.IssueAsync(team.AdminKey.Secret, Scenarios.AKey());
        (await Host.SendAsync(s => s.Put.Json(new ChangeKeyScopes([Scopes.AccountsManage])).ToUrl($"/api/keys/{key.Id}/scopes"), teamAdmin.Secret)).Status.ShouldBe(400);
        (await Host.SendAsync(s => s.Get.Url("/api/accounts"), teamAdmin.Secret)).Status.ShouldBe(403);

        // An operator can make another operator key.
        (await Host.SendAsync(s => s.Post.Json(Scenarios.AKey("live", Scopes.AccountsManage)).ToUrl("/api/keys"), Admin)).Status.ShouldBe(201);
    }

    [Fact]
    public async Task suspension_stops_every_key_of_the_account_at_once_and_reinstatement_brings_back_only_those()
    {
        var team = await OpenAsync("team-suspended");
        var worker = await Host.IssueAsync(team.AdminKey.Secret, Scenarios.AKey());
        var parked = await Host.IssueAsync(team.AdminKey.Secret, Scenarios.AKey());
        (await Host.CommandAsync(team.AdminKey.Secret, parked.Id, "suspend", new SuspendKey("parked on its own"))).Status.ShouldBe(200);
        var other = await OpenAsync("team-bystander");

        var (status, body) = await AccountCommandAsync(team.Account.Id, "suspend", new SuspendAccount("unpaid invoices"));
        status.ShouldBe(200, body);
        Read<AccountView>(body).ShouldSatisfyAllConditions(v => v.Status.ShouldBe("suspended"), v => v.SuspensionReason.ShouldBe("unpaid invoices"), v => v.Version.ShouldBe(2));

        // This replica applied the suspension before answering: the very next verify refuses.
        (await Host.VerifyAsync(worker.Secret)).Status.ShouldBe(401);
        (await Host.VerifyAsync(team.AdminKey.Secret)).Body.ShouldContain("suspended");
        (await Host.VerifyAsync(other.AdminKey.Secret)).Status.ShouldBe(200);
        (await Host.SendAsync(s => s.Get.Url("/api/keys"), team.AdminKey.Secret)).Status.ShouldBe(401);

        // A second suspension changes nothing; the operator account cannot be suspended.
        Read<AccountView>((await AccountCommandAsync(team.Account.Id, "suspend", new SuspendAccount("again"))).Body).Version.ShouldBe(2);
        var operatorAccount = Read<AccountView>((await Host.SendAsync(s => s.Get.Url("/api/account"), Admin)).Body);
        operatorAccount.Operator.ShouldBeTrue();
        (await AccountCommandAsync(operatorAccount.Id, "suspend", new SuspendAccount("oops"))).Status.ShouldBe(409);

        (await AccountCommandAsync(team.Account.Id, "reinstate")).Status.ShouldBe(200);
        (await Host.VerifyAsync(worker.Secret)).Status.ShouldBe(200);
        (await Host.VerifyAsync(team.AdminKey.Secret)).Status.ShouldBe(200);
        (await Host.VerifyAsync(parked.Secret)).Body.ShouldContain("suspended");

        // Each key's own history says why it stopped and who stopped it.
        var (_, history) = await Host.SendAsync(s => s.Get.Url($"/api/keys/{worker.Id}/history"), team.AdminKey.Secret);
        var entries = Read<List<KeyHistoryEntry>>(history);
        entries.Select(e => e.Event).ShouldBe(["issued", "suspended", "reinstated"]);
        history.ShouldContain("account suspended: unpaid invoices");
    }

    [Fact]
    public async Task suspension_and_reinstatement_are_announced_to_audit_tokens_and_agents_with_the_accounts_versions()
    {
        var team = await OpenAsync("team-announced");
        var key = await Host.IssueAsync(team.AdminKey.Secret, Scenarios.AKey());

        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => AccountCommandAsync(team.Account.Id, "suspend", new SuspendAccount("audit"))));

        var suspended = tracked.Sent.Envelopes().Where(e => e.Message is AccountSuspended).ToArray();
        suspended.Select(e => e.Destination!.ToString()).Order().ShouldBe([$"postgresql://{Queues.Agents}/", $"postgresql://{Queues.Audit}/", $"postgresql://{Queues.Tokens}/"]);
        suspended.Select(e => e.Message).Distinct().ShouldHaveSingleItem().ShouldBeOfType<AccountSuspended>().ShouldSatisfyAllConditions(
            m => m.AccountId.ShouldBe(team.Account.Id), m => m.SourceVersion.ShouldBe(2), m => m.Reason.ShouldBe("audit"));
        tracked.Sent.MessagesOf<KeySuspended>().Select(k => k.KeyId).Distinct().Order().ShouldBe(new[] { key.Id, team.AdminKey.Id }.Order());

        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var stream = await session.Events.FetchStreamAsync(team.Account.Id, token: Ct);
        stream.Select(e => e.EventType).ShouldBe([typeof(AccountWasOpened), typeof(AccountWasSuspended)]);
    }

    [Fact]
    public async Task a_key_that_slipped_in_while_the_account_was_being_suspended_is_swept()
    {
        var team = await OpenAsync("team-race");
        (await AccountCommandAsync(team.Account.Id, "suspend", new SuspendAccount("race"))).Status.ShouldBe(200);
        // As if its issue had committed just after the suspension's query: a key the suspension did not see.
        var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            await AccountBootstrap.StartKeyAsync(session, IssueKeyEndpoint.Issue(Scenarios.AKey(), team.Account.Id, KeyEnvironment.Live, secret, Guid.CreateVersion7(), "test", DateTimeOffset.UtcNow), null);
            await session.SaveChangesAsync(Ct);
        }
        await Host.VerifyUntilAsync(secret, 200, TimeSpan.FromSeconds(10));

        await Host.InvokeMessageAndWaitAsync(new SweepSuspendedAccount(team.Account.Id));

        // The sweep's commit reaches the verification index by notification, within milliseconds, not before it returns.
        await Host.VerifyUntilAsync(secret, 401, TimeSpan.FromSeconds(10));
        (await Host.VerifyAsync(secret)).Body.ShouldContain("suspended");
    }

    [Fact]
    public async Task sweeps_racing_on_one_key_all_succeed_and_suspend_it_once()
    {
        var team = await OpenAsync("team-sweeps");
        (await AccountCommandAsync(team.Account.Id, "suspend", new SuspendAccount("race"))).Status.ShouldBe(200);
        var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        var keyId = Guid.CreateVersion7();
        await using (var session = Host.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            await AccountBootstrap.StartKeyAsync(session, IssueKeyEndpoint.Issue(Scenarios.AKey(), team.Account.Id, KeyEnvironment.Live, secret, keyId, "test", DateTimeOffset.UtcNow), null);
            await session.SaveChangesAsync(Ct);
        }
        await Host.VerifyUntilAsync(secret, 200, TimeSpan.FromSeconds(10));

        // Each loses the append to another at most a few times: the loser reads again and finds the key suspended.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = Host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().InvokeAsync(new SweepSuspendedAccount(team.Account.Id), Ct);
        }));

        await using var query = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await query.Events.FetchStreamAsync(keyId, token: Ct);
        events.Count(e => e.Data is ApiKeySuspended).ShouldBe(1);
        (await Host.VerifyAsync(secret)).Body.ShouldContain("suspended");
    }

    [Fact]
    public async Task an_auditor_reads_keys_but_changes_nothing()
    {
        var auditor = await Host.IssueAsync(Admin, Scenarios.AKey("live", Scopes.AuditRead));
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());

        (await Host.SendAsync(s => s.Get.Url("/api/keys"), auditor.Secret)).Status.ShouldBe(200);
        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{key.Id}/history"), auditor.Secret)).Status.ShouldBe(200);
        (await Host.SendAsync(s => s.Get.Url("/api/account"), auditor.Secret)).Status.ShouldBe(200);
        (await Host.CommandAsync(auditor.Secret, key.Id, "revoke", new RevokeKey("auditors do not revoke"))).Status.ShouldBe(403);
        (await Host.SendAsync(s => s.Post.Json(Scenarios.AKey()).ToUrl("/api/keys"), auditor.Secret)).Status.ShouldBe(403);
        (await Host.VerifyAsync(key.Secret)).Status.ShouldBe(200);
    }

    [Theory]
    [InlineData("{}", 400)]
    [InlineData("{\"name\":\"\"}", 400)]
    [InlineData("{\"name\":\"line\\nbreak\"}", 400)]
    [InlineData("[1]", 400)]
    public async Task a_malformed_opening_is_a_400_in_the_documented_shape(string json, int expected)
    {
        var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/accounts") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", Admin);
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBe(expected, body);
        body.ShouldStartWith("{\"statusCode\":400");
    }

    [Fact]
    public async Task names_are_unique_and_ids_are_checked()
    {
        await OpenAsync("team-unique");
        (await Host.SendAsync(s => s.Post.Json(new OpenAccount("team-unique")).ToUrl("/api/accounts"), Admin)).Status.ShouldBe(409);
        (await AccountCommandAsync(Guid.Empty, "reinstate")).Status.ShouldBe(404);
        (await Host.SendAsync(s => s.Post.Url("/api/accounts/not-an-id/reinstate"), Admin)).Status.ShouldBe(400);
        (await AccountCommandAsync(Guid.CreateVersion7(), "suspend", new SuspendAccount("nobody"))).Status.ShouldBe(404);
        (await Host.SendAsync(s => s.Get.Url("/api/accounts?status=gone"), Admin)).Status.ShouldBe(400);
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web)!;
}
