namespace Platform.Agents.Tests;

/// <summary>Two replicas of Agents on one database: a change made through one is seen by the other's index.</summary>
public class ReplicaTests(AgentsFixture fixture) : AgentsContext(fixture)
{
    [Fact]
    public async Task a_credential_revoked_through_one_replica_is_refused_by_the_other_at_once()
    {
        await using var other = await Fixture.StartAgentsAsync();
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));
        await other.VerifyUntilAsync(minted.Token, "planner", 200);

        (await Agents.SendAsync(s => s.Post.Url($"/api/agents/{minted.Id}/revoke"), Admin)).Status.ShouldBe(200);
        var elapsed = await other.VerifyUntilAsync(minted.Token, "planner", 401, seconds: 5);

        elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task a_refresh_through_one_replica_is_honoured_by_the_other()
    {
        await using var other = await Fixture.StartAgentsAsync();
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var minted = await Agents.MintAsync(key.Secret, Requests.AMint("planner"));

        var (_, body) = await Agents.SendAsync(s => s.Post.Url("/api/agents/refresh"), minted.Token, "planner");
        var refreshed = Json.Read<Credentials.RefreshedCredential>(body);

        await other.VerifyUntilAsync(refreshed.Token, "planner", 200);
        (await other.VerifyAsync(minted.Token, "planner")).Status.ShouldBe(200); // within the grace
    }
}
