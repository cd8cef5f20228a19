using Alba;
using Platform.Contracts.Accounts;
using Platform.Contracts.Tokens;
using Platform.Testing;
using Wolverine.Tracking;
using Platform.Sdk.ResourceServer;

namespace Platform.Audit.Tests;

/// <summary>
/// Operators (accounts:manage, of the account Keys opened as the operator account) read any account's log by naming
/// it, and the platform-wide entries as <c>account=platform</c>; nobody else reads beyond their own account.
/// </summary>
public class OperatorTests(AuditFixture fixture) : AuditContext(fixture)
{
    private readonly Guid _operatorAccount = Guid.CreateVersion7();

    private async Task<string> OperatorAsync(params string[] scopes)
    {
        await Audit.InvokeMessageAndWaitAsync(new AccountOpened(Guid.CreateVersion7(), _operatorAccount, "platform", Operator: true, "bootstrap", DateTimeOffset.UtcNow) { SourceVersion = 1 });
        return TestAccessTokens.ForUser(Guid.CreateVersion7(), _operatorAccount, scopes.Length == 0 ? ["accounts:manage"] : scopes);
    }

    private async Task<(Guid Team, Guid Platform)> EntriesAsync()
    {
        var team = Scenarios.AKeyIssued(Guid.CreateVersion7(), Account);
        var signingKey = new SigningKeyPublished(Guid.CreateVersion7(), Guid.CreateVersion7(), "kid-1", "ES256", DateTimeOffset.UtcNow, "system", DateTimeOffset.UtcNow);
        await Audit.InvokeMessageAndWaitAsync(team);
        await Audit.InvokeMessageAndWaitAsync(signingKey);
        return (team.KeyId, signingKey.SigningKeyId);
    }

    [Fact]
    public async Task an_operator_reads_another_accounts_log_and_the_platform_wide_entries_by_naming_them()
    {
        var (teamKey, signingKey) = await EntriesAsync();
        var op = await OperatorAsync();
        var at = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));

        (await Audit.PageAsync(op, $"?account={Account}")).Items.ShouldHaveSingleItem().SubjectId.ShouldBe(teamKey);
        (await Audit.PageAsync(op, "?account=platform")).Items.ShouldHaveSingleItem().SubjectId.ShouldBe(signingKey);
        (await Audit.PageAsync(op, "")).Items.ShouldHaveSingleItem().EventType.ShouldBe(nameof(AccountOpened));
        var platform = await Audit.VerifyAsync(op, "?account=platform");
        (platform.Intact, platform.Subjects).ShouldBe((true, 1));
        (await Audit.VerifyAsync(op, $"?account={Account}&subject={teamKey}")).Heads.ShouldHaveSingleItem().SubjectId.ShouldBe(teamKey);
        (await Audit.SendAsync(s => s.Get.Url("/api/audit/export?account=platform"), op)).Body.ShouldContain(signingKey.ToString());
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/export?account={Account}"), op)).Body.ShouldContain(teamKey.ToString());
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{signingKey}/as-of?at={at}&account=platform"), op)).Status.ShouldBe(200);
        (await Audit.SendAsync(s => s.Get.Url($"/api/audit/subjects/{teamKey}/as-of?at={at}"), op)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task a_team_admin_naming_another_account_or_the_platform_is_refused_and_so_is_anyone_short_of_an_operator()
    {
        var (teamKey, signingKey) = await EntriesAsync();
        var (other, _) = await Keys.CreateAccountAsync();
        await OperatorAsync();
        var at = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        // A team opened as no operator, whose credential holds accounts:manage all the same; an operator's admin without it.
        await Audit.InvokeMessageAndWaitAsync(new AccountOpened(Guid.CreateVersion7(), Account, "team", Operator: false, "operator", DateTimeOffset.UtcNow) { SourceVersion = 1 });
        string[] callers = [Admin, TestAccessTokens.ForUser(Guid.CreateVersion7(), Account, "admin", "accounts:manage"), TestAccessTokens.ForUser(Guid.CreateVersion7(), _operatorAccount, "admin")];
        string[] urls =
        [
            $"/api/audit/events?account={other}", "/api/audit/events?account=platform", $"/api/audit/verify?account={other}",
            "/api/audit/export?account=platform", $"/api/audit/subjects/{signingKey}/as-of?at={at}&account=platform",
        ];

        foreach (var caller in callers)
            foreach (var url in urls)
                (await Audit.SendAsync(s => s.Get.Url(url), caller)).ShouldBe((403, """{"statusCode":403,"error":"Forbidden","message":"account is not the caller's account"}"""), url);
        (await Audit.PageAsync(Admin, $"?account={Account}")).Items.Select(e => e.SubjectId).ShouldContain(teamKey);
    }

    [Theory]
    [InlineData("/api/audit/events?account=everyone")]
    [InlineData("/api/audit/verify?account=PLATFORM")]
    [InlineData("/api/audit/export?account=12")]
    [InlineData("/api/audit/subjects/0193a1d2-0000-7000-8000-0000000000ff/as-of?at=2026-01-01T00:00:00Z&account=x")]
    public async Task a_malformed_account_is_400_in_the_seed_shape(string url)
    {
        var op = await OperatorAsync();

        var (status, body) = await Audit.SendAsync(s => s.Get.Url(url), op);

        status.ShouldBe(400);
        Json.Read<Refusal>(body).ShouldBe(new Refusal(400, "Bad Request", "account must be an account id or 'platform'"));
    }
}
