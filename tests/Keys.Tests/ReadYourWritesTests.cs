using Alba;
using Microsoft.AspNetCore.TestHost;
using Platform.Keys.ApiKeys;
using Platform.Keys.Verification;
using Platform.Secrets;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>
/// A key works on every replica as soon as its creation is acknowledged. The second replica never hears a
/// notification, so what answers there is the read on an index miss, never a notification that happened to be quick.
/// </summary>
public class ReadYourWritesTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture), IAsyncLifetime
{
    // Marten's query by the indexed secret hash; nothing else Keys sends names that field.
    private const string BySecretHash = "SecretHash";
    private IAlbaHost _unnotified = null!;

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _unnotified = await ServiceHost.StartAsync<KeysApi>(web => web.ConfigureTestServices(s => s.LoadOnceWithoutListening<KeyIndexSync>()));
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await _unnotified.DisposeAsync();

    [Fact]
    public async Task keys_created_on_one_replica_are_accepted_at_once_by_a_replica_not_yet_told_of_them()
    {
        for (var i = 0; i < 20; i++)
        {
            var key = await Host.IssueAsync(Admin, Scenarios.AKey());
            (await _unnotified.VerifyAsync(key.Secret)).Status.ShouldBe(200, $"key {i}");
        }
    }

    [Fact]
    public async Task a_new_admin_key_manages_keys_at_once_on_another_replica()
    {
        var manager = await Host.IssueAsync(Admin, Scenarios.AKey("live", "keys:manage"));

        (await _unnotified.SendAsync(s => s.Get.Url("/api/keys"), manager.Secret)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_token_exchanged_for_a_new_key_works_at_once_on_another_replica()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey("live", "keys:manage"));
        var token = TestAccessTokens.Mint(TestAccessTokens.Claims($"key:{key.Id}", AccountId, ["keys:manage"], ("key_id", key.Id.ToString())));

        (await _unnotified.SendAsync(s => s.Get.Url("/api/keys"), token)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task the_replica_that_acknowledges_a_revocation_refuses_the_key_in_its_very_next_verify()
    {
        for (var i = 0; i < 10; i++)
        {
            var key = await _unnotified.IssueAsync(Admin, Scenarios.AKey());
            (await _unnotified.VerifyAsync(key.Secret)).Status.ShouldBe(200);

            (await _unnotified.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("compromised"))).Status.ShouldBe(200);

            (await _unnotified.VerifyAsync(key.Secret)).Status.ShouldBe(401, $"key {i}");
        }
    }

    [Fact]
    public async Task a_key_revoked_before_the_other_replica_read_it_is_refused_there()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        (await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("compromised"))).Status.ShouldBe(200);

        (await _unnotified.VerifyAsync(key.Secret)).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"API key has been revoked"}"""));
    }

    [Fact]
    public async Task an_unknown_well_formed_key_is_refused_and_asked_about_once_within_the_window()
    {
        var unknown = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        using var queries = new DatabaseQueries(BySecretHash);

        (await _unnotified.VerifyAsync(unknown)).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"API key is not valid"}"""));
        queries.Count.ShouldBe(1, queries.ToString());
        (await _unnotified.VerifyAsync(unknown)).Status.ShouldBe(401);
        (await _unnotified.SendAsync(s => s.Get.Url("/api/keys"), unknown)).Status.ShouldBe(401);
        queries.Count.ShouldBe(1, queries.ToString());
    }

    [Fact]
    public async Task concurrent_tries_of_one_unknown_key_share_one_read()
    {
        var unknown = SecretFormat.Generate(KeyEnvironment.Test.SecretPrefix());
        using var queries = new DatabaseQueries(BySecretHash);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _unnotified.VerifyAsync(unknown)));

        answers.ShouldAllBe(a => a.Status == 401);
        queries.Count.ShouldBe(1, queries.ToString());
    }

    [Theory]
    [InlineData("a wrong checksum")]
    [InlineData("an unknown prefix")]
    [InlineData("too short")]
    public async Task a_malformed_key_is_refused_without_a_read(string flaw)
    {
        var good = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        var bad = flaw switch
        {
            "a wrong checksum" => good[..^1] + (good[^1] == 'a' ? 'b' : 'a'),
            "an unknown prefix" => "pk_live_" + good["sk_live_".Length..],
            _ => good[..^3],
        };
        using var queries = new DatabaseQueries(BySecretHash);

        (await _unnotified.VerifyAsync(bad)).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"API key is malformed"}"""));
        (await _unnotified.SendAsync(s => s.Get.Url("/api/keys"), bad)).Status.ShouldBe(401);
        queries.Count.ShouldBe(0, queries.ToString());
    }
}
