using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tokens.Authorize;
using Platform.Tokens.Introspection;
using Platform.Tokens.State;

namespace Platform.Tokens.Tests;

public class HousekeepingTests(TokensFixture fixture) : TokensContext(fixture)
{
    [Fact]
    public async Task codes_an_hour_past_expiry_and_revoked_tokens_past_exp_are_deleted_and_nothing_else()
    {
        var now = DateTimeOffset.UtcNow;
        var store = Tokens.Services.GetRequiredService<IDocumentStore>();
        AuthorizationCode Code(string id, DateTimeOffset expiresAt) => new(id, Guid.NewGuid(), AccountId, Guid.NewGuid(), "https://app.example.com/cb", [], "c", expiresAt.AddMinutes(-1), expiresAt);
        await using (var session = store.LightweightSession())
        {
            session.Store(Code("old", now - Housekeeping.CodeRetention - TimeSpan.FromMinutes(1)), Code("recent", now - TimeSpan.FromMinutes(5)));
            session.Store(new RevokedAccessToken("expired", now.AddMinutes(-1)), new RevokedAccessToken("live", now.AddMinutes(30)));
            await session.SaveChangesAsync(Ct);
        }

        await Tokens.Services.GetRequiredService<Housekeeping>().SweepAsync(Ct);

        await using var query = store.QuerySession();
        (await query.Query<AuthorizationCode>().Select(c => c.Id).ToListAsync(Ct)).ShouldBe(["recent"]);
        (await query.Query<RevokedAccessToken>().Select(t => t.Id).ToListAsync(Ct)).ShouldBe(["live"]);
    }
}
