using System.Diagnostics.Metrics;

namespace Platform.Samples.McpServer;

/// <summary><c>mcp.tool.calls</c>, tagged with the tool and the outcome (<c>allowed</c>, <c>denied</c>, or <c>unavailable</c> when the platform could not be asked).</summary>
public sealed class ToolCallMetrics
{
    public const string MeterName = "Platform.Samples.McpServer";
    private readonly Counter<long> _calls;

    public ToolCallMetrics(IMeterFactory meters) =>
        _calls = meters.Create(MeterName).CreateCounter<long>("mcp.tool.calls", description: "MCP tool calls, by tool and authorization outcome");

    public void Allowed(string tool) => _calls.Add(1, new("tool", Known(tool)), new("outcome", "allowed"));

    public void Refused(string tool, bool unavailable) => _calls.Add(1, new("tool", Known(tool)), new("outcome", unavailable ? "unavailable" : "denied"));

    // The name comes from the client: only ours become tag values, so a caller cannot grow the series.
    private static string Known(string tool) => Tools.ToolScopes.Required.ContainsKey(tool) ? tool : "unknown";
}
