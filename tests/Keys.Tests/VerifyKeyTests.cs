using Platform.Contracts.Keys;
using System.Text.Json;
using Platform.Keys.ApiKeys;
using Platform.Keys.Verification;
using Platform.Secrets;
using Platform.Testing;

namespace Platform.Keys.Tests;

public class VerifyKeyTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private async Task<IssuedKey> IssueVerifiableAsync(params string[] scopes)
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey("live", scopes));
        await Host.VerifyUntilAsync(key.Secret, 200, Generous);
        return key;
    }

    [Fact]
    public async Task a_live_key_verifies_with_its_identity_and_scopes()
    {
        var key = await IssueVerifiableAsync("chat:completions", "models:read");

        var (status, body) = await Host.VerifyAsync(key.Secret, "chat:completions");

        status.ShouldBe(200);
        JsonSerializer.Deserialize<VerifiedKey>(body, JsonSerializerOptions.Web).ShouldBe(
            new VerifiedKey(key.Id, AccountId, "live", ["chat:completions", "models:read"], null, null, Version: 1), new VerifiedKeyComparer());
    }

    [Theory]
    [InlineData("Bearer {0}")]
    [InlineData("bearer {0}")]
    [InlineData("Bearer   {0}")]
    public async Task the_key_may_come_in_the_authorization_header(string header)
    {
        var key = await IssueVerifiableAsync("models:read");

        var (status, _) = await Host.SendAsync(s =>
        {
            s.Post.Url("/api/keys/verify");
            s.WithRequestHeader("Authorization", string.Format(header, key.Secret));
        });

        status.ShouldBe(200);
    }

    [Theory]
    [InlineData(null, "API key is missing")]
    [InlineData("Basic dXNlcjpwYXNz", "Authorization must use the Bearer scheme")]
    [InlineData("Bearer", "Authorization must use the Bearer scheme")]
    [InlineData("Bearer ", "Bearer token is missing or malformed")]
    [InlineData("Bearer a b", "Bearer token is missing or malformed")]
    [InlineData("Bearer sk_live_notakey", "API key is malformed")]
    [InlineData("Bearer pk_live_0123456789abcdefghijABCDEFGHIJ01234567", "API key is malformed")]
    [InlineData("Bearer sk_live_0123456789abcdefghijABCDEFGHIJ01234567", "API key is malformed")]
    public async Task bad_credentials_get_401_in_the_seed_shape(string? header, string message)
    {
        var (status, body) = await Host.SendAsync(s =>
        {
            s.Post.Url("/api/keys/verify");
            if (header is not null) s.WithRequestHeader("Authorization", header);
        });

        (status, body).ShouldBe((401, $$"""{"statusCode":401,"error":"Unauthorized","message":"{{message}}"}"""));
    }

    [Fact]
    public async Task a_well_formed_key_that_was_never_issued_is_not_valid()
    {
        var (status, body) = await Host.VerifyAsync(SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix()));

        (status, body).ShouldBe((401, """{"statusCode":401,"error":"Unauthorized","message":"API key is not valid"}"""));
    }

    [Fact]
    public async Task a_missing_scope_is_403_and_admin_holds_every_scope()
    {
        var limited = await IssueVerifiableAsync("models:read");
        var admin = await IssueVerifiableAsync("admin");

        (await Host.VerifyAsync(limited.Secret, "models:read", "chat:completions")).ShouldBe(
            (403, """{"statusCode":403,"error":"Forbidden","message":"API key lacks the required scope 'chat:completions'"}"""));
        (await Host.VerifyAsync(admin.Secret, "keys:manage")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task revoked_and_suspended_keys_are_refused_and_a_reinstated_one_works_again()
    {
        var revoked = await IssueVerifiableAsync("models:read");
        var suspended = await IssueVerifiableAsync("models:read");

        await Host.CommandAsync(Admin, revoked.Id, "revoke", new RevokeKey("leaked"));
        await Host.CommandAsync(Admin, suspended.Id, "suspend", new SuspendKey("spike"));
        await Host.VerifyUntilAsync(revoked.Secret, 401, Generous);
        await Host.VerifyUntilAsync(suspended.Secret, 401, Generous);

        (await Host.VerifyAsync(revoked.Secret)).Body.ShouldContain("API key has been revoked");
        (await Host.VerifyAsync(suspended.Secret)).Body.ShouldContain("API key is suspended");
        await Host.CommandAsync(Admin, suspended.Id, "reinstate");
        await Host.VerifyUntilAsync(suspended.Secret, 200, Generous);
    }

    [Fact]
    public async Task an_expired_key_is_refused()
    {
        var expiring = await Host.IssueAsync(Admin, Scenarios.AKey() with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(2) });
        await Host.VerifyUntilAsync(expiring.Secret, 200, Generous);

        await Host.VerifyUntilAsync(expiring.Secret, 401, Generous);

        (await Host.VerifyAsync(expiring.Secret)).Body.ShouldContain("API key has expired");
        // The scheduled expiry then records it in the stream (and the index then says "expired" too).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await Host.SendAsync(s => s.Get.Url($"/api/keys/{expiring.Id}"), Admin)).Body is var body && !body.Contains("\"status\":\"expired\"") && DateTime.UtcNow < deadline)
            await Task.Delay(200, Ct);
        (await Host.SendAsync(s => s.Get.Url($"/api/keys/{expiring.Id}"), Admin)).Body.ShouldContain("\"status\":\"expired\"");
    }

    [Fact]
    public async Task malformed_json_is_400_not_500()
    {
        var (status, body) = await Host.SendAsync(s =>
        {
            s.Post.Text("{\"key\":").ToUrl("/api/keys/verify");
            s.WithRequestHeader("Content-Type", "application/json");
        });

        (status, body).ShouldBe((400, """{"statusCode":400,"error":"Bad Request","message":"The request body is not valid JSON"}"""));
    }

    private sealed class VerifiedKeyComparer : IEqualityComparer<VerifiedKey>
    {
        public bool Equals(VerifiedKey? x, VerifiedKey? y) =>
            x is not null && y is not null && x with { Scopes = [] } == y with { Scopes = [] } && x.Scopes.SequenceEqual(y.Scopes);

        public int GetHashCode(VerifiedKey obj) => obj.KeyId.GetHashCode();
    }
}
