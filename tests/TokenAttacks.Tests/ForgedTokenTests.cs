using Platform.EndToEnd.Tests;
using Platform.TokenAttacks.Tests.Forgery;
using Platform.TokenAttacks.Tests.Routes;

namespace Platform.TokenAttacks.Tests;

/// <summary>
/// Every attack of <see cref="Attacks"/> against every route of <see cref="TokenRoutes"/>: each must be refused with
/// a 401 in the route's documented shape (introspection: <c>active: false</c>); a failure lists every route that did not.
/// </summary>
public class ForgedTokenTests(PlatformFixture platform)
{
    public static TheoryData<string> AttackNames() => [.. Attacks.All.Select(a => a.Name)];

    [Fact]
    public async Task every_route_accepts_its_genuine_token_so_the_table_is_right()
    {
        var genuine = await Genuine.ObtainAsync(platform);
        var problems = new List<string>();

        foreach (var route in TokenRoutes.All)
            if (await route.ProblemAsync(platform.Gateway, genuine, route.Token(genuine), shouldAccept: true) is { } problem) problems.Add(problem);

        problems.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(AttackNames))]
    public async Task a_forged_or_confused_token_is_refused_on_every_route(string attack)
    {
        var genuine = await Genuine.ObtainAsync(platform);
        var problems = new List<string>();
        var tried = 0;
        if (attack == Attacks.GenuineButExpired) await genuine.ExpiredTokensPastSkewAsync();

        foreach (var route in TokenRoutes.All)
        {
            if (Attacks.Named(attack).Forge(route.Target(genuine)) is not { } forged) continue;
            tried++;
            if (await route.ProblemAsync(platform.Gateway, genuine, forged, shouldAccept: false) is { } problem) problems.Add(problem);
        }

        tried.ShouldBeGreaterThan(0);
        problems.ShouldBeEmpty($"'{attack}' was not refused as documented on {problems.Count} of {tried} routes");
    }

    [Fact]
    public async Task no_service_fetches_a_key_from_a_url_the_token_names()
    {
        await a_forged_or_confused_token_is_refused_on_every_route("jku naming the attacker's JWKS");
        await a_forged_or_confused_token_is_refused_on_every_route("x5u naming the attacker's certificate");

        Attacker.Fetches.ShouldBe(0);
    }
}
