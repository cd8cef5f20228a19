using Platform.EndToEnd.Tests;
using Platform.Fuzz.Tests.Checks;
using Platform.Fuzz.Tests.Probes;
using Platform.Fuzz.Tests.Table;

namespace Platform.Fuzz.Tests;

/// <summary>
/// Every documented route, through the gateway, with every hostile input a client can send. One run lists every
/// violation of a route: "METHOD path [mutator] -> status problem: body excerpt".
/// </summary>
public class RouteFuzzTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Routes => RouteTable.Names;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task every_hostile_request_is_answered_in_the_routes_documented_shape_and_a_refused_one_writes_nothing(string name)
    {
        var route = RouteTable.Named(name);
        var targets = await Targets.OfAsync(platform);
        var aim = await Aims.ForAsync(route, targets, platform);
        var probes = RequestMutators.For(aim).Concat(BodyMutators.For(aim)).ToList();
        using var runner = new Runner(platform.Gateway.BaseAddress!);
        var violations = new List<string>();

        // Refusals first, alone, between two snapshots of the service's store: nothing else of this route writes meanwhile.
        var refusals = probes.Where(p => p.MustRefuse).ToList();
        var database = platform.DatabaseConnectionString;
        var before = route.Schema is null ? null : await StoreSnapshot.SettledAsync(database, route.Schema, Ct);
        var answers = await runner.RunAsync(aim, refusals, Ct);
        if (before is not null && await StoreSnapshot.TakeAsync(database, route.Schema!, Ct) is var after && !StoreSnapshot.Same(before, after))
            violations.Add($"{name} refused requests wrote to {route.Schema}: {StoreSnapshot.Diff(before, after)}");
        answers.AddRange(await runner.RunAsync(aim, probes.Where(p => !p.MustRefuse), Ct));

        foreach (var (probe, answer) in answers.OrderBy(a => a.Probe.Mutator, StringComparer.Ordinal))
            foreach (var problem in Verdict.Problems(route, probe, answer, runner.Origin))
                violations.Add($"{probe} -> {answer.Status} {problem}: {Excerpt(answer.Body)}");
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {probes.Count} requests, {violations.Count} violations");

        violations.ShouldBeEmpty($"{violations.Count} of {probes.Count} requests to {name} broke the contract:\n" + string.Join('\n', violations));
    }

    private static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ");
        return flat.Length > 160 ? flat[..160] + "…" : flat;
    }
}
