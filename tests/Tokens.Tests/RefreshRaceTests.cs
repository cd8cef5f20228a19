using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Platform.Secrets;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.Tests;

/// <summary>One refresh token or code used by several requests at once: whatever the interleaving, a client is
/// handed only what was committed, and the losers get the RFC's invalid_grant, never a 409 or a 5xx.</summary>
public class RefreshRaceTests(TokensFixture fixture) : TokensContext(fixture)
{
    private const int Racers = 8;

    [Fact]
    public async Task uses_of_one_refresh_token_at_once_get_a_committed_rotation_or_invalid_grant()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var signedIn = await flow.RedeemAsync((await flow.SignInAsync(new Browser(Tokens), scope: "plans:read"))["code"]);
        var presented = signedIn.Str("refresh_token");

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => flow.RefreshAsync(presented)));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.BadRequest, string.Join(" | ", answers.Select(a => a.Text)));
        answers.Where(a => a.Status == HttpStatusCode.BadRequest).ShouldAllBe(a => a.Str("error") == "invalid_grant");
        var granted = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
        granted.ShouldNotBeEmpty();
        // Every refresh token handed out is one the family's stream holds: no answer got ahead of a commit that failed.
        await using var session = Tokens.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(RefreshToken.FamilyOf(presented)!.Value, token: Ct);
        var rotated = events.Select(e => e.Data).OfType<FamilyRotated>().Select(r => r.TokenHash).ToHashSet();
        foreach (var answer in granted) rotated.ShouldContain(SecretFormat.Hash(answer.Str("refresh_token")));
        rotated.Count.ShouldBe(granted.Count);
    }

    [Fact]
    public async Task redemptions_of_one_code_at_once_issue_one_session()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var code = (await flow.SignInAsync(new Browser(Tokens), scope: "plans:read"))["code"];

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => flow.RedeemAsync(code)));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK || a.Status == HttpStatusCode.BadRequest, string.Join(" | ", answers.Select(a => a.Text)));
        answers.Where(a => a.Status == HttpStatusCode.BadRequest).ShouldAllBe(a => a.Str("error") == "invalid_grant");
        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1);
    }
}
