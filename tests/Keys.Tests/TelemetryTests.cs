using System.Diagnostics;
using Alba;
using Microsoft.AspNetCore.TestHost;
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

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync<KeysApi>(web =>
        web.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_spans))));

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

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
        _host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        List<Activity> spans;
        lock (_spans) spans = [.. _spans];
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

    [Fact]
    public void a_database_command_inside_a_kept_trace_is_kept()
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var command = new SamplingParameters(parent, parent.TraceId, "postgresql", ActivityKind.Client);
        EntryPointSampler.Create(1.0).ShouldSample(command).Decision.ShouldBe(SamplingDecision.RecordAndSample);
    }
}
