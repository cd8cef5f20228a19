using Platform.Contracts.Keys;
using Platform.Testing;

namespace Platform.Agents.Tests;

/// <summary>
/// Keys' fast signal alone, without the durable event behind it, already stops derived credentials:
/// sent here by hand, so nothing on the agents queue can be what refused them.
/// </summary>
public class KeyAuthoritySignalTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    [Fact]
    public async Task a_signal_that_the_key_was_suspended_stops_its_credentials_and_a_newer_one_starts_them_again()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        await SignalAsync(new KeyAuthoritySignal(key.Id, 7, KeyAuthoritySignal.Suspended, null));
        await Agents.VerifyUntilAsync(minted.Token, "planner", 401, seconds: 5);

        // An older signal arriving late changes nothing; a newer one does.
        await SignalAsync(new KeyAuthoritySignal(key.Id, 6, KeyAuthoritySignal.Active, null));
        await Task.Delay(300, Ct);
        (await Agents.VerifyAsync(minted.Token, "planner")).Status.ShouldBe(401);
        await SignalAsync(new KeyAuthoritySignal(key.Id, 8, KeyAuthoritySignal.Active, null));
        await Agents.VerifyUntilAsync(minted.Token, "planner", 200, seconds: 5);
    }

    [Fact]
    public async Task a_signal_of_narrowed_scopes_narrows_what_its_credentials_may_do()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions", "models:read"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner", "chat:completions", "models:read"));

        await SignalAsync(new KeyAuthoritySignal(key.Id, 2, null, ["models:read"]));

        await Poll.UntilAsync(async () => (await Agents.VerifyAsync(minted.Token, "planner", ["chat:completions"])).Status == 403, seconds: 5);
        (await Agents.VerifyAsync(minted.Token, "planner", ["models:read"])).Status.ShouldBe(200);
    }

    private Task SignalAsync(KeyAuthoritySignal signal) => Agents.NotifyAsync(KeyAuthoritySignal.Channel, signal.ToPayload(), Ct);
}
