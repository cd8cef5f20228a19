using Alba;
using Microsoft.AspNetCore.TestHost;
using Platform.Agents.Credentials;
using Platform.Agents.Verification;
using Platform.Secrets;
using Platform.Testing;

namespace Platform.Agents.Tests;

/// <summary>
/// An agent credential works on every replica as soon as its creation is acknowledged. The second replica
/// never hears a notification, so what answers there is the read on an index miss.
/// </summary>
public class ReadYourWritesTests(AgentsFixture fixture) : AgentsContext(fixture), IAsyncLifetime
{
    // Marten's query by the indexed secret hash; nothing else Agents sends names that field.
    private const string BySecretHash = "SecretHash";
    private IAlbaHost _unnotified = null!;

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _unnotified = await Fixture.StartAgentsAsync(web => web.ConfigureTestServices(s => s.LoadOnceWithoutListening<CredentialIndexSync>()));
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await _unnotified.DisposeAsync();

    [Fact]
    public async Task credentials_minted_on_one_replica_are_accepted_at_once_by_a_replica_not_yet_told_of_them()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        for (var i = 0; i < 10; i++)
        {
            var (status, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint($"agent-{i}"));
            status.ShouldBe(201, body);
            var minted = Json.Read<MintedCredential>(body);
            (await _unnotified.VerifyAsync(minted.Token, minted.AgentId)).Status.ShouldBe(200, $"credential {i}");
        }
    }

    [Fact]
    public async Task a_child_restricted_on_one_replica_and_its_parent_work_at_once_on_another()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        var (status, body) = await Agents.TryMintAsync(key.Secret, Requests.AMint("planner"));
        status.ShouldBe(201, body);
        var parent = Json.Read<MintedCredential>(body);
        (status, body) = await Agents.TryRestrictAsync(parent, new RestrictCredential("worker", null, null, null));
        status.ShouldBe(201, body);
        var child = Json.Read<MintedCredential>(body);

        (await _unnotified.VerifyAsync(child.Token, "worker")).Status.ShouldBe(200);
        (await _unnotified.TryRestrictAsync(child, new RestrictCredential("helper", null, null, null))).Status.ShouldBe(201);
    }

    [Fact]
    public async Task the_replica_that_acknowledges_a_revocation_refuses_the_credential_in_its_very_next_verify()
    {
        var key = await Keys.IssueKeyAsync(Admin, ["chat:completions"]);
        for (var i = 0; i < 5; i++)
        {
            var (status, body) = await _unnotified.TryMintAsync(key.Secret, Requests.AMint($"agent-{i}"));
            status.ShouldBe(201, body);
            var minted = Json.Read<MintedCredential>(body);
            (await _unnotified.VerifyAsync(minted.Token, minted.AgentId)).Status.ShouldBe(200);

            (await _unnotified.SendAsync(s => s.Post.Json(new { reason = "leaked" }).ToUrl($"/api/agents/{minted.Id}/revoke"), Admin)).Status.ShouldBe(200);

            (await _unnotified.VerifyAsync(minted.Token, minted.AgentId)).Status.ShouldBe(401, $"credential {i}");
        }
    }

    [Fact]
    public async Task an_unknown_well_formed_credential_is_refused_and_asked_about_once_within_the_window()
    {
        var unknown = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        using var queries = new DatabaseQueries(BySecretHash);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _unnotified.VerifyAsync(unknown, "nobody")));
        answers.ShouldAllBe(a => a.Status == 401);
        (await _unnotified.VerifyAsync(unknown, "nobody")).Body.ShouldBe("""{"statusCode":401,"error":"Unauthorized","message":"agent credential is not valid"}""");
        queries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_malformed_credential_is_refused_without_a_read()
    {
        var good = SecretFormat.Generate(SecretFormat.AgentTokenPrefix);
        using var queries = new DatabaseQueries(BySecretHash);

        (await _unnotified.VerifyAsync(good[..^1] + (good[^1] == 'a' ? 'b' : 'a'), "nobody")).Body
            .ShouldBe("""{"statusCode":401,"error":"Unauthorized","message":"agent credential is malformed"}""");
        queries.Count.ShouldBe(0);
    }
}
