using Platform.Bench;

// Usage: dotnet run -c Release --project bench/LoadDriver -- [gateway=http://127.0.0.1:5080] [seconds=10] [concurrency=32] [rate=200]
var gateway = new Uri(args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5080");
var seconds = int.Parse(args.ElementAtOrDefault(1) ?? "10");
var concurrency = int.Parse(args.ElementAtOrDefault(2) ?? "32");
var rate = int.Parse(args.ElementAtOrDefault(3) ?? "200");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 }) { BaseAddress = gateway };
var duration = TimeSpan.FromSeconds(seconds);

await Load.ClosedLoopAsync(http, Requests.Alive, concurrency, TimeSpan.FromSeconds(2)); // warm-up
await Load.OpenLoopAsync(http, 20, TimeSpan.FromSeconds(2));

// Delivery first, on a quiet system: a backlog left by the saturating runs would inflate it.
var paced = await Load.OpenLoopAsync(http, rate, duration);
await Task.Delay(TimeSpan.FromSeconds(3)); // let the last deliveries land
var delivery = await AuditDelivery.MeasureAsync(http, paced.Ids, concurrency);
Report.Delivery(rate, paced, delivery);

var baseline = await Load.ClosedLoopAsync(http, Requests.Alive, concurrency, duration);
var issue = await Load.ClosedLoopAsync(http, Requests.IssueKey, concurrency, duration);
Report.Throughput("no-op (GET /keys-api/alive via gateway)", baseline, null);
Report.Throughput("issue key (POST /api/keys via gateway)", issue, baseline);
