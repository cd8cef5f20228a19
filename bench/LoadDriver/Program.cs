using Platform.Bench;

// Usage: dotnet run -c Release --project bench/LoadDriver -- [gateway=http://127.0.0.1:5080] [seconds=10] [concurrency=32] [rate=200]
//        dotnet run -c Release --project bench/LoadDriver -- tokens <gateway> <tokens-api> <openiddict> [seconds=10] [concurrency=32]
//        dotnet run -c Release --project bench/LoadDriver -- agents|sample|mcp <gateway> [seconds=10] [concurrency=32]
//        dotnet run -c Release --project bench/LoadDriver -- revocation <gateway> [samples=100]
//        dotnet run -c Release --project bench/LoadDriver -- suspension <gateway> [samples=20]
//        dotnet run -c Release --project bench/LoadDriver -- verify|introspection|token|agent <gateway> [rounds=3] [seconds=5] [concurrency=32]
//        dotnet run -c Release --project bench/LoadDriver -- ratelimit <gateway> [windows=2] [concurrency=16]
//        dotnet run -c Release --project bench/LoadDriver -- failover <gateway> <pid of one keys-api replica> [seconds=15] [concurrency=16]
//        dotnet run -c Release --project bench/LoadDriver -- paced <gateway> [seconds=10] [rate=200] [concurrency=32]
//        dotnet run -c Release --project bench/LoadDriver -- suite [repetitions=3] [seconds=5] [concurrency=32] [rate=500]
//            (builds nothing: run `dotnet build -c Release AppHost` first; starts the platform itself and writes bench/README.md)
//        dotnet run -c Release --project bench/LoadDriver -- compare <before checkout> [after checkout=this one] [repetitions=3] [seconds=5] [concurrency=32] [rate=500]
//            (both checkouts built in Release; starts each in turn per repetition and writes the table to bench/README.md)
if (args.FirstOrDefault() == "issue")
{
    // Only the saturated issue path, for profiling it: issue <gateway> [seconds=30] [concurrency=32]
    var admin = new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY"));
    var workers = int.Parse(args.ElementAtOrDefault(3) ?? "32");
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = new Uri(args[1]) };
    Report.Throughput("issue key (POST /api/keys via gateway)", await Load.ClosedLoopAsync(client, admin.IssueKey, workers, TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(2) ?? "30"))), null);
    return;
}
if (args.FirstOrDefault() == "paced")
{
    // Only issue → audit, for a quick A/B: paced <gateway> [seconds=10] [rate=200] [concurrency=32]
    var admin = new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY"));
    var workers = int.Parse(args.ElementAtOrDefault(4) ?? "32");
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = new Uri(args[1]) };
    var offered = int.Parse(args.ElementAtOrDefault(3) ?? "200");
    var (achieved, delays) = await AuditDelivery.PacedAsync(client, admin, offered, TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(2) ?? "10")), workers);
    Console.WriteLine($"paced at {offered}/s: achieved {achieved:N0}/s; issue → audit p50 {Report.P(delays.DelaysMs, 50):N0} ms, p99 {Report.P(delays.DelaysMs, 99):N0} ms, max {delays.DelaysMs.DefaultIfEmpty().Max():N0} ms, {delays.Missing} missing; slowest per second: {delays.Profile()}");
    return;
}
if (args.FirstOrDefault() == "suite")
{
    var checkout = Directory.GetCurrentDirectory();
    while (!File.Exists(Path.Combine(checkout, "Platform.sln"))) checkout = Path.GetDirectoryName(checkout) ?? throw new InvalidOperationException("run from inside the checkout");
    await Suite.RunAsync(checkout, int.Parse(args.ElementAtOrDefault(1) ?? "3"), TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(2) ?? "5")),
        int.Parse(args.ElementAtOrDefault(3) ?? "32"), int.Parse(args.ElementAtOrDefault(4) ?? "500"), Path.Combine(checkout, "bench", "README.md"));
    return;
}
if (args.FirstOrDefault() == "compare")
{
    // Two builds' hot paths and write path in one run (each a Release checkout): compare <before checkout> [after checkout=this one] [repetitions=3] [seconds=5] [concurrency=32] [rate=500]
    var here = Directory.GetCurrentDirectory();
    while (!File.Exists(Path.Combine(here, "Platform.sln"))) here = Path.GetDirectoryName(here) ?? throw new InvalidOperationException("run from inside the checkout");
    var after = Path.GetFullPath(args.ElementAtOrDefault(2) ?? here);
    await Compare.RunAsync(Path.GetFullPath(args[1]), after, int.Parse(args.ElementAtOrDefault(3) ?? "3"), TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(4) ?? "5")),
        int.Parse(args.ElementAtOrDefault(5) ?? "32"), int.Parse(args.ElementAtOrDefault(6) ?? "500"), Path.Combine(here, "bench", "README.md"));
    return;
}
if (args.FirstOrDefault() is "verify" or "introspection" or "token" or "agent")
{
    // One hot path against its no-op, paired as the suite pairs them, for a quick A/B or a profile:
    // verify|introspection|token|agent <gateway> [rounds=3] [seconds=5] [concurrency=32]
    var admin = new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY"));
    var workers = int.Parse(args.ElementAtOrDefault(4) ?? "32");
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = new Uri(args[1]) };
    var paths = await HotPaths.PrepareAsync(client, admin);
    var path = args[0] switch { "verify" => paths.Verify, "introspection" => paths.Introspect, "token" => paths.IssueToken, _ => paths.AgentVerify };
    await Load.PairedAsync(client, Requests.Alive, path, workers, TimeSpan.FromSeconds(4)); // warm-up
    for (var round = 1; round <= int.Parse(args.ElementAtOrDefault(2) ?? "3"); round++)
    {
        var (noop, measured) = await Load.PairedAsync(client, Requests.Alive, path, workers, TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(3) ?? "5")));
        Console.WriteLine($"round {round}: no-op {noop.PerSecond:N0} req/s, {args[0]} {measured.PerSecond:N0} req/s = {measured.PerSecond / noop.PerSecond:0.00} x no-op ({measured.Errors} errors)");
    }
    return;
}
if (args.FirstOrDefault() == "ratelimit")
{
    // A key limited to 100/min, hammered for whole windows: ratelimit <gateway> [windows=2] [concurrency=16] (AppHost with --replicas N)
    var workers = int.Parse(args.ElementAtOrDefault(3) ?? "16");
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = new Uri(args[1]) };
    await RateLimitBench.RunAsync(client, new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY")),
        int.Parse(args.ElementAtOrDefault(2) ?? "2"), workers);
    return;
}
if (args.FirstOrDefault() == "suspension")
{
    // suspension <gateway> [samples=20]: the admin key must be the operator account's (the bootstrap's first key).
    using var gatewayClient = new HttpClient { BaseAddress = new Uri(args[1]) };
    var (delays, perKind) = await Suspension.MeasureAsync(gatewayClient, Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY"),
        int.Parse(args.ElementAtOrDefault(2) ?? "20"));
    for (var k = 0; k < perKind.Length; k++)
        Console.WriteLine($"  {Suspension.Kinds[k]} refused: p50 {Report.P(perKind[k], 50):0.0} ms, p99 {Report.P(perKind[k], 99):0.0} ms, max {perKind[k].Max():0.0} ms");
    Console.WriteLine($"account suspended → key, access token and agent credential refused by the sample API: p50 {Report.P(delays, 50):0.0} ms, p99 {Report.P(delays, 99):0.0} ms, max {delays.Max():0.0} ms ({delays.Length} accounts)");
    return;
}
if (args.FirstOrDefault() == "revocation")
{
    using var gatewayClient = new HttpClient { BaseAddress = new Uri(args[1]) };
    await RevocationBench.RunAsync(gatewayClient, new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY")),
        int.Parse(args.ElementAtOrDefault(2) ?? "100"));
    return;
}
if (args.FirstOrDefault() == "failover")
{
    var admin = new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY"));
    var workers = int.Parse(args.ElementAtOrDefault(4) ?? "16");
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = new Uri(args[1]) };
    await FailoverBench.RunAsync(client, admin, int.Parse(args[2]), TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(3) ?? "15")), workers);
    return;
}
if (args.FirstOrDefault() is "agents" or "sample" or "mcp")
{
    var admin = new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY"));
    var workers = int.Parse(args.ElementAtOrDefault(3) ?? "32");
    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2 }) { BaseAddress = new Uri(args[1]) };
    var window = TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(2) ?? "10"));
    if (args[0] == "agents") await AgentsBench.RunAsync(client, admin, window, workers, samples: 50);
    else if (args[0] == "mcp") await McpBench.RunAsync(client, admin, window, workers, samples: 50);
    else await SampleApiBench.RunAsync(client, admin, window, workers, samples: 50);
    return;
}
if (args.FirstOrDefault() == "tokens")
{
    var admin = new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY") ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY"));
    await TokensBench.RunAsync(new Uri(args[1]), new Uri(args[2]), new Uri(args[3]), admin,
        TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(4) ?? "10")), int.Parse(args.ElementAtOrDefault(5) ?? "32"));
    return;
}
var gateway = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5080");
var seconds = int.Parse(args.ElementAtOrDefault(1) ?? "10");
var concurrency = int.Parse(args.ElementAtOrDefault(2) ?? "32");
var rate = int.Parse(args.ElementAtOrDefault(3) ?? "200");
var requests = new Requests(Environment.GetEnvironmentVariable("PLATFORM_ADMIN_KEY")
    ?? throw new InvalidOperationException("set PLATFORM_ADMIN_KEY to an admin key (keys:manage); the AppHost prints one on its first run"));
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = gateway };
var duration = TimeSpan.FromSeconds(seconds);

await Load.ClosedLoopAsync(http, Requests.Alive, concurrency, TimeSpan.FromSeconds(2)); // warm-up
await Load.OpenLoopAsync(http, requests.IssueKey, 20, TimeSpan.FromSeconds(2));

// Delivery first, on a quiet system: a backlog left by the saturating runs would inflate it.
var paced = await Load.OpenLoopAsync(http, requests.IssueKey, rate, duration);
await Task.Delay(TimeSpan.FromSeconds(3)); // let the last deliveries land
var delivery = await AuditDelivery.MeasureAsync(http, requests, paced.Ids, concurrency);
Report.Delivery(rate, paced, delivery);

var baseline = await Load.ClosedLoopAsync(http, Requests.Alive, concurrency, duration);
var issue = await Load.ClosedLoopAsync(http, requests.IssueKey, concurrency, duration);
var (_, live) = await requests.IssueAsync(http);
var verify = await Load.ClosedLoopAsync(http, async h => (await Requests.VerifyAsync(h, live)) == 200 ? null : throw new HttpRequestException("refused"), concurrency, duration);
Report.Throughput("no-op (GET /keys-api/alive via gateway)", baseline, null);
Report.Throughput("issue key (POST /api/keys via gateway)", issue, baseline);
Report.Throughput("verify key (POST /api/keys/verify via gateway)", verify, baseline);

var revocation = await Revocation.MeasureAsync(http, requests, 50);
Report.Revocation(revocation);
