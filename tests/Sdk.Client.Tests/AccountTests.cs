using System.Net;
using Platform.Sdk.Client.Accounts;
using Platform.Secrets;

namespace Platform.Sdk.Client.Tests;

/// <summary>Each test's own account is an operator account (the bootstrap's kind), so its admin key manages accounts.</summary>
public sealed class AccountTests(PlatformFixture platform) : SdkContext(platform)
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task an_operator_opens_an_account_whose_admin_key_is_shown_once_and_knows_its_own_account()
    {
        var name = Unique("team");

        var opened = await Client.Accounts.OpenAsync(name, Ct);

        opened.Account.Name.ShouldBe(name);
        opened.Account.Operator.ShouldBeFalse();
        opened.Account.Status.ShouldBe(AccountStatuses.Active);
        opened.AdminKey.Scopes.ShouldBe(["keys:manage"]);
        SecretFormat.IsApiKey(opened.AdminKey.Secret).ShouldBeTrue();
        opened.ToString().ShouldNotContain(opened.AdminKey.Secret);
        await Platform.KeyVerifiesAsync(opened.AdminKey.Secret);
        var own = await ClientWith(opened.AdminKey.Secret).Accounts.GetOwnAsync(Ct);
        own.ShouldBe(opened.Account);
        (await Client.Accounts.GetOwnAsync(Ct)).Operator.ShouldBeTrue();
        (await Client.Accounts.GetAsync(opened.Account.Id, Ct)).Name.ShouldBe(name);
    }

    [Fact]
    public async Task suspending_an_account_stops_its_admin_key_and_reinstating_brings_it_back()
    {
        var opened = await Client.Accounts.OpenAsync(Unique("paused"), Ct);
        await Platform.KeyVerifiesAsync(opened.AdminKey.Secret);
        var team = ClientWith(opened.AdminKey.Secret);

        var suspended = await Client.Accounts.SuspendAsync(opened.Account.Id, "unpaid invoices", opened.Account.Version, Ct);

        suspended.Status.ShouldBe(AccountStatuses.Suspended);
        suspended.SuspensionReason.ShouldBe("unpaid invoices");
        (await Should.ThrowAsync<PlatformApiException>(() => team.Keys.ListAsync(ct: Ct))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var listed = new List<AccountView>();
        await foreach (var account in Client.Accounts.ListAllAsync(new AccountListQuery(AccountStatuses.Suspended), Ct)) listed.Add(account);
        listed.ShouldContain(a => a.Id == opened.Account.Id);
        listed.ShouldAllBe(a => a.Status == AccountStatuses.Suspended);

        // A stale version is a conflict, as for keys.
        await Should.ThrowAsync<PlatformConflictException>(() => Client.Accounts.ReinstateAsync(opened.Account.Id, opened.Account.Version, Ct));
        var reinstated = await Client.Accounts.ReinstateAsync(opened.Account.Id, suspended.Version, Ct);

        reinstated.Status.ShouldBe(AccountStatuses.Active);
        reinstated.SuspensionReason.ShouldBeNull();
        (await team.Keys.ListAsync(ct: Ct)).Items.ShouldContain(k => k.Id == opened.AdminKey.Id);
    }

    [Fact]
    public async Task accounts_are_listed_newest_first_page_by_page()
    {
        var names = new List<string>();
        for (var i = 0; i < 3; i++) names.Add((await Client.Accounts.OpenAsync(Unique($"paged{i}"), Ct)).Account.Name);

        var first = await Client.Accounts.ListAsync(new AccountListQuery(AccountStatuses.Active, PageSize: 2), ct: Ct);
        var second = await Client.Accounts.ListAsync(new AccountListQuery(AccountStatuses.Active, PageSize: 1), first.Next, Ct);

        first.Items.Select(a => a.Name).ShouldBe([names[2], names[1]]);
        first.Next.ShouldBe(first.Items[^1].Id);
        second.Items.Single().Name.ShouldBe(names[0]);
    }

    [Fact]
    public async Task a_team_admin_manages_no_account_and_the_operator_account_cannot_be_suspended()
    {
        var opened = await Client.Accounts.OpenAsync(Unique("plain"), Ct);
        await Platform.KeyVerifiesAsync(opened.AdminKey.Secret);
        var team = ClientWith(opened.AdminKey.Secret);

        (await Should.ThrowAsync<PlatformApiException>(() => team.Accounts.ListAsync(ct: Ct))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Should.ThrowAsync<PlatformApiException>(() => team.Accounts.OpenAsync(Unique("sneaky"), Ct))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var own = await Client.Accounts.GetOwnAsync(Ct);
        var refused = await Should.ThrowAsync<PlatformConflictException>(() => Client.Accounts.SuspendAsync(own.Id, "by mistake", ct: Ct));
        refused.ApiMessage.ShouldBe("an operator account cannot be suspended");
        (await Should.ThrowAsync<PlatformConflictException>(() => Client.Accounts.OpenAsync(opened.Account.Name, Ct))).ApiMessage.ShouldBe("an account with this name exists");
    }
}
