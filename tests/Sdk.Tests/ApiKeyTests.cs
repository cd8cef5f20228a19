using Platform.Sdk.ResourceServer.Caching;
using Platform.Sdk.ResourceServer.Platform;
using Microsoft.Extensions.DependencyInjection;
using Platform.Secrets;

namespace Platform.Sdk.Tests;

[Collection(nameof(PlatformCollection))]
public sealed class ApiKeyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task a_live_key_with_the_scope_gets_a_chat_completion()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");

        var (status, body, _) = await fixture.Api.ChatAsync(key.Secret);

        status.ShouldBe(200, body);
        body.ShouldContain("\"chat.completion\"");
    }

    [Fact]
    public async Task a_key_without_the_scope_is_forbidden_in_the_seed_shape()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "models:read");

        var (status, body, _) = await fixture.Api.ChatAsync(key.Secret);

        status.ShouldBe(403);
        body.ShouldBeSeedError(403, "Forbidden");
        body.ShouldContain("chat:completions");
        (await fixture.Api.SendAsync(s => s.Get.Url("/v1/models"), key.Secret)).Status.ShouldBe(200);
    }

    [Fact]
    public async Task each_seed_route_asks_for_its_own_scope()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        (string Url, string Scope)[] routes = [("/v1/models", "models:read"), ("/v1/usage", "usage:read"), ("/api/insights/v1/pnl-summary?planId=p1", "insights:read"), ("/api/plans/v1/plans", "plans:read")];
        foreach (var (url, scope) in routes)
        {
            var holder = await fixture.Keys.IssueKeyAsync(admin, scope);
            var other = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
            (await fixture.Api.SendAsync(s => s.Get.Url(url), holder.Secret)).Status.ShouldBe(200, url);
            (await fixture.Api.SendAsync(s => s.Get.Url(url), other.Secret)).Status.ShouldBe(403, url);
        }
    }

    [Fact]
    public async Task a_revoked_key_is_refused_within_seconds_although_its_acceptance_was_cached_for_ten_minutes()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var cache = fixture.Api.Services.GetRequiredService<AcceptanceCache<VerifiedKey>>();
        // Acceptances are kept only while Keys' feed is connected; on a loaded machine it may connect (or
        // reconnect, which empties the cache) after the first request, so ask until one is kept.
        await Poll.UntilAsync(async () =>
        {
            (await fixture.Api.ChatAsync(key.Secret)).Status.ShouldBe(200);
            return cache.Find(SecretFormat.Hash(key.Secret)) is not null;
        });

        await fixture.Keys.RevokeAsync(admin, key.Id);

        await Poll.UntilAsync(async () => (await fixture.Api.ChatAsync(key.Secret)).Status == 401, seconds: 5);
        var (_, body, response) = await fixture.Api.ChatAsync(key.Secret);
        body.ShouldBeSeedError(401, "Unauthorized");
        response.Headers.WWWAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Fact]
    public async Task a_key_with_a_wrong_checksum_is_refused_without_asking_keys()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
        var mistyped = key.Secret[..^1] + (key.Secret[^1] == 'a' ? 'b' : 'a');

        var (status, body, _) = await fixture.Api.ChatAsync(mistyped);

        status.ShouldBe(401);
        body.ShouldBeSeedError(401, "Unauthorized");
        body.ShouldContain("malformed");
    }
}
