using Platform.Keys.ApiKeys;

namespace Platform.Sdk.Tests;

[Collection(nameof(PlatformCollection))]
public sealed class ExpiryTests(PlatformFixture fixture)
{
    [Fact]
    public async Task an_expired_key_and_the_access_token_it_was_exchanged_for_are_both_refused()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var key = await fixture.Keys.IssueKeyAsync(admin, new IssueKey("short-lived", "live", ["chat:completions"], expiresAt));
        var jwt = await fixture.Tokens.ExchangeAsync(key.Secret);
        (await fixture.Api.ChatAsync(key.Secret)).Status.ShouldBe(200);
        (await fixture.Api.ChatAsync(jwt)).Status.ShouldBe(200);

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1100), TestContext.Current.CancellationToken);

        foreach (var credential in new[] { key.Secret, jwt })
        {
            var (status, body, _) = await fixture.Api.ChatAsync(credential);
            status.ShouldBe(401, body);
            body.ShouldBeSeedError(401, "Unauthorized");
        }
    }
}
