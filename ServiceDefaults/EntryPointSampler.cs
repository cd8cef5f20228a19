using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>
/// Decides for traces that start in this process: an outgoing call or a Marten connection that nothing
/// caused (no request or message around it) starts none; every other trace is kept at
/// <c>OTEL_TRACES_SAMPLER_ARG</c>'s ratio (<see cref="RatioFrom"/>).
/// </summary>
/// <remarks>
/// Note: without this, the queue and outbox polling, the durability agents and the feeds' reconnects
/// made a lone database-command trace every few hundred milliseconds per instance; they buried real
/// requests in the dashboard and pushed them out of its bounded store. A span with a parent follows its
/// parent's decision (see <see cref="Create"/>), so a request's own database commands stay in its trace.
/// </remarks>
public sealed class EntryPointSampler(double ratio) : Sampler
{
    private readonly TraceIdRatioBasedSampler entries = new(ratio);

    public static Sampler Create(double ratio) => new ParentBasedSampler(new EntryPointSampler(ratio));

    /// <summary>
    /// The standard <c>OTEL_TRACES_SAMPLER_ARG</c>: the share of traces kept; unset, all of them when a collector is
    /// configured and none otherwise.
    /// Note: a trace nothing will collect still cost every request its spans' tags and events (the no-op baseline's
    /// health paths are not traced, so bench/ saw it as verify's cost). An unsampled trace still has its id, carried
    /// to the services a request reaches and into the audit entries it causes.
    /// </summary>
    public static double RatioFrom(IConfiguration configuration) =>
        double.TryParse(configuration["OTEL_TRACES_SAMPLER_ARG"], System.Globalization.CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ? 0.0 : 1.0;

    /// <summary>Marten's span for one use of a connection (a constant of Marten's tracing).</summary>
    private const string MartenConnection = "marten.connection";

    public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
        parameters.Kind is ActivityKind.Client || parameters.Name == MartenConnection
            ? new SamplingResult(SamplingDecision.Drop)
            : entries.ShouldSample(parameters);
}
