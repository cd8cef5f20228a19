using System.Net;
using Platform.Tokens.Grants;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.Tests;

public class RefreshTokenTests(TokensFixture fixture) : TokensContext(fixture)
{
    private async Task<(CodeFlow Flow, Answer Tokens)> SignedInAsync()
    {
        var flow = await CodeFlow.StartAsync(Api);
        var callback = await flow.SignInAsync(new Browser(Tokens), scope: "plans:read insights:read");
        var tokens = await flow.RedeemAsync(callback["code"]);
        tokens.Status.ShouldBe(HttpStatusCode.OK, tokens.Text);
        return (flow, tokens);
    }

    [Fact]
    public async Task a_well_formed_refresh_token_of_the_empty_family_is_invalid_grant_not_an_error()
    {
        var (flow, _) = await SignedInAsync();

        var answer = await flow.RefreshAsync(Platform.Tokens.Refresh.RefreshToken.Generate(Guid.Empty));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Text);
        answer.Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task every_refresh_rotates_the_refresh_token()
    {
        var (flow, first) = await SignedInAsync();

        var second = await flow.RefreshAsync(first.Str("refresh_token"));

        second.Status.ShouldBe(HttpStatusCode.OK, second.Text);
        second.Str("refresh_token").ShouldNotBe(first.Str("refresh_token"));
        second.Str("access_token").ShouldNotBe(first.Str("access_token"));
        (await flow.RefreshAsync(second.Str("refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_refresh_may_narrow_the_scopes_but_not_widen_them()
    {
        var (flow, first) = await SignedInAsync();

        var narrowed = await flow.RefreshAsync(first.Str("refresh_token"), "plans:read");
        narrowed.Str("scope").ShouldBe("plans:read");
        (await flow.RefreshAsync(narrowed.Str("refresh_token"), "plans:read chat:completions")).Str("error").ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task reusing_an_old_refresh_token_revokes_the_whole_family()
    {
        var (flow, first) = await SignedInAsync();
        var second = await flow.RefreshAsync(first.Str("refresh_token"));
        var third = await flow.RefreshAsync(second.Str("refresh_token"));
        third.Status.ShouldBe(HttpStatusCode.OK);

        // Two generations old: outside the grace for a lost response, so it leaked.
        var reuse = await flow.RefreshAsync(first.Str("refresh_token"));

        reuse.Str("error").ShouldBe("invalid_grant");
        (await flow.RefreshAsync(third.Str("refresh_token"))).Str("error").ShouldBe("invalid_grant");
        var resourceServer = await Api.RegisterAsync();
        await Api.IntrospectUntilAsync(third.Str("access_token"), resourceServer, active: false);
    }

    [Fact]
    public async Task the_previous_refresh_token_still_works_within_the_grace_for_a_lost_response()
    {
        var (flow, first) = await SignedInAsync();
        var lost = await flow.RefreshAsync(first.Str("refresh_token"));
        lost.Status.ShouldBe(HttpStatusCode.OK);

        var retried = await flow.RefreshAsync(first.Str("refresh_token"));

        retried.Status.ShouldBe(HttpStatusCode.OK, retried.Text);
        (await flow.RefreshAsync(retried.Str("refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_refresh_token_revoked_by_its_client_stops_working()
    {
        var (flow, first) = await SignedInAsync();

        (await Api.PostFormAsync("/oauth/revoke", [new("token", first.Str("refresh_token"))], flow.Client.ClientId.ToString(), flow.Client.ClientSecret!))
            .Status.ShouldBe(HttpStatusCode.OK);

        (await flow.RefreshAsync(first.Str("refresh_token"))).Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task another_client_cannot_use_the_refresh_token()
    {
        var (_, first) = await SignedInAsync();
        var other = await CodeFlow.StartAsync(Api);

        (await other.RefreshAsync(first.Str("refresh_token"))).Str("error").ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task a_live_refresh_token_introspects_as_active()
    {
        var (_, first) = await SignedInAsync();
        var resourceServer = await Api.RegisterAsync();

        var answer = (await Api.IntrospectAsync(first.Str("refresh_token"), resourceServer)).Json;

        answer.GetProperty("active").GetBoolean().ShouldBeTrue();
        answer.GetProperty("token_type").GetString().ShouldBe("refresh_token");
    }

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RefreshOptions Options = new();

    private static RefreshFamily Family() =>
        RefreshFamily.Create(new FamilyStarted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "user", [], "h1", Start, Start + Options.AbsoluteLifetime))
            .Apply(new FamilyRotated(Guid.Empty, "h2", Start.AddMinutes(5)));

    [Fact]
    public void the_previous_token_is_honoured_only_within_the_grace()
    {
        RefreshTokenGrant.Decide(Family(), "h1", Start.AddMinutes(5) + Options.ReuseGrace - TimeSpan.FromSeconds(1), Options).ShouldBeOfType<RefreshTokenGrant.Use.Rotate>();
        RefreshTokenGrant.Decide(Family(), "h1", Start.AddMinutes(5) + Options.ReuseGrace, Options).ShouldBeOfType<RefreshTokenGrant.Use.Reused>();
    }

    [Fact]
    public void a_family_ends_at_its_absolute_lifetime_and_after_idling()
    {
        RefreshTokenGrant.Decide(Family(), "h2", Start + Options.AbsoluteLifetime, Options).ShouldBeOfType<RefreshTokenGrant.Use.Refuse>();
        RefreshTokenGrant.Decide(Family(), "h2", Start.AddMinutes(5) + Options.IdleLifetime, Options).ShouldBeOfType<RefreshTokenGrant.Use.Refuse>();
        RefreshTokenGrant.Decide(Family(), "h2", Start.AddMinutes(5) + Options.IdleLifetime - TimeSpan.FromSeconds(1), Options).ShouldBeOfType<RefreshTokenGrant.Use.Rotate>();
    }

    [Fact]
    public void an_unknown_hash_is_refused_without_ending_the_family()
    {
        RefreshTokenGrant.Decide(Family(), "never-issued", Start.AddMinutes(6), Options).ShouldBeOfType<RefreshTokenGrant.Use.Refuse>();
    }

    [Fact]
    public void ending_a_live_family_appends_at_the_version_read_and_announces_the_next_version()
    {
        var family = Family() with { Version = 2 };

        var ending = RevokeFamily.Decide(family, "revoked by the client", "client:c", Start.AddMinutes(7))!;

        ending.RevokedAt.ShouldBe(Start.AddMinutes(7));
        var append = ending.Writes.Appends.ShouldHaveSingleItem().ShouldBeOfType<Platform.Infrastructure.Persistence.AppendTo<RefreshFamily>>();
        append.ReadVersion.ShouldBe(2);
        append.Event.ShouldBeOfType<FamilyRevoked>().Reason.ShouldBe("revoked by the client");
        ending.Writes.Announcements.ShouldHaveSingleItem().ShouldBeOfType<Contracts.Tokens.RefreshFamilyRevoked>().SourceVersion.ShouldBe(3);
    }

    [Fact]
    public void an_ended_family_stays_ended_at_its_first_end_and_a_missing_one_is_nothing()
    {
        var ended = Family() with { RevokedAt = Start.AddMinutes(6) };

        var ending = RevokeFamily.Decide(ended, "again", "client:c", Start.AddMinutes(9))!;

        ending.RevokedAt.ShouldBe(Start.AddMinutes(6));
        ending.Writes.Appends.ShouldBeEmpty();
        ending.Writes.Announcements.ShouldBeEmpty();
        RevokeFamily.Decide(null, "x", "client:c", Start).ShouldBeNull();
    }
}
