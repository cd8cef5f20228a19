using System.Diagnostics;
using Alba;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>ServiceDefaults' tracing, seen through an extra in-memory exporter on a real Keys host.</summary>
public class TelemetryTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private IAlbaHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        // What a configured collector sets (without one, no trace is sampled): the exporter here is in memory.
        Environment.SetEnvironmentVariable(SamplerArg, "1");
        _host = await ServiceHost.StartAsync<KeysApi>(web =>
            web.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_spans))));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Environment.SetEnvironmentVariable(SamplerArg, null);
    }

    private const string SamplerArg = "OTEL_TRACES_SAMPLER_ARG";

    [Fact]
    public async Task issuing_a_key_is_traced_through_aspnetcore_marten_npgsql_and_wolverine_without_the_secret()
    {
        var (_, admin) = await _host.CreateAccountAsync();
        var issued = await _host.IssueAsync(admin, Scenarios.AKey());
        await Task.Delay(500, TestContext.Current.CancellationToken); // the outbox sends after the response
        _host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<Activity> spans;
        lock (_spans) spans = [.. _spans];
        spans.Select(s => s.Source.Name).Distinct().ShouldBe(
            ["Microsoft.AspNetCore", "Marten", "Npgsql", "Wolverine"], ignoreOrder: true);
        var everything = string.Join('\n', spans.SelectMany(s =>
            new[] { s.DisplayName }.Concat(s.Tags.Select(t => $"{t.Key}={t.Value}")).Concat(s.Events.Select(e => e.Name))));
        everything.ShouldNotContain(issued.Secret[8..]);
    }

    [Fact]
    public async Task background_polling_starts_no_trace_while_a_requests_own_database_commands_stay_in_its_trace()
    {
        var (_, admin) = await _host.CreateAccountAsync();
        // The queue, outbox and durability polling run every few hundred ms: seconds enough for dozens of rounds.
        await Task.Delay(3000, TestContext.Current.CancellationToken);
        await _host.IssueAsync(admin, Scenarios.AKey());
        // A request's span ends (and is exported) as its server finishes, which may come after its response reached us.
        var waited = Stopwatch.StartNew();
        List<Activity> spans;
        do
        {
            _host.Services.GetRequiredService<TracerProvider>().ForceFlush();
            lock (_spans) spans = [.. _spans];
            if (spans.Any(s => s.DisplayName == "POST /api/keys") || waited.Elapsed > TimeSpan.FromSeconds(10)) break;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (true);
        var roots = spans.Where(s => s.Parent is null && s.ParentSpanId == default).ToList();
        roots.Where(s => s.Kind == ActivityKind.Client || s.DisplayName == "marten.connection")
            .Select(s => $"{s.Source.Name} {s.DisplayName}").ShouldBeEmpty();
        var request = roots.Single(s => s.DisplayName == "POST /api/keys");
        spans.ShouldContain(s => s.Source.Name == "Npgsql" && s.TraceId == request.TraceId);
    }

    [Theory]
    [InlineData(1.0, ActivityKind.Server, SamplingDecision.RecordAndSample)]
    [InlineData(1.0, ActivityKind.Internal, SamplingDecision.RecordAndSample)]
    [InlineData(1.0, ActivityKind.Client, SamplingDecision.Drop)]
    [InlineData(0.0, ActivityKind.Server, SamplingDecision.Drop)]
    public void a_trace_starts_at_a_request_or_a_message_at_the_configured_ratio(double ratio, ActivityKind kind, SamplingDecision expected)
    {
        var root = new SamplingParameters(default, ActivityTraceId.CreateRandom(), "root", kind);
        EntryPointSampler.Create(ratio).ShouldSample(root).Decision.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, null, 0.0)]
    [InlineData(null, "http://collector:4317", 1.0)]
    [InlineData("0.25", null, 0.25)]
    [InlineData("0.25", "http://collector:4317", 0.25)]
    [InlineData("not a ratio", "http://collector:4317", 1.0)]
    public void traces_are_sampled_only_when_a_collector_takes_them_unless_a_ratio_is_named(string? ratio, string? collector, double expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SamplerArg] = ratio,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector,
        }).Build();
        EntryPointSampler.RatioFrom(configuration).ShouldBe(expected);
    }

    [Fact]
    public void a_database_command_inside_a_kept_trace_is_kept()
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var command = new SamplingParameters(parent, parent.TraceId, "postgresql", ActivityKind.Client);
        EntryPointSampler.Create(1.0).ShouldSample(command).Decision.ShouldBe(SamplingDecision.RecordAndSample);
    }
}
