using System.ComponentModel;
using ModelContextProtocol.Server;

namespace Platform.Samples.McpServer.Tools;

/// <summary>
/// The seed's API as MCP tools, with the sample API's canned answers. Who may call which tool is
/// decided before any of these runs (<see cref="Authorization.ToolAuthorizationFilters"/>), by the scope in <see cref="ToolScopes"/>.
/// </summary>
[McpServerToolType]
public sealed class SeedTools
{
    private static readonly string[] Models = ["mistral-small-latest", "mistral-large-latest"];

    [McpServerTool(Name = ToolScopes.ListModels, ReadOnly = true, Idempotent = true), Description("Lists the chat models that can be used with the chat tool.")]
    public static object ListModels() => new { models = Models.Select(id => new { id, owned_by = "simosphere" }) };

    [McpServerTool(Name = ToolScopes.Chat, ReadOnly = true), Description("Sends one user message to a chat model and returns its answer.")]
    public static string Chat(
        [Description("The user's message")] string message,
        [Description("One of the models list_models returns; mistral-small-latest when omitted")] string? model = null)
    {
        // Wrong arguments are the model's to fix: an exception here becomes a tool result with isError.
        if (string.IsNullOrWhiteSpace(message) || message.Length > 10_000) throw new ArgumentException("message must be 1 to 10000 characters");
        if (model is not null && !Models.Contains(model)) throw new ArgumentException($"model must be one of {string.Join(", ", Models)}");
        return "This is a canned answer from the sample MCP server.";
    }

    [McpServerTool(Name = ToolScopes.PnlSummary, ReadOnly = true, Idempotent = true), Description("The profit and loss summary of a financial plan.")]
    public static object PnlSummary([Description("The plan id; plan-2026 when omitted")] string? planId = null)
    {
        if (planId is { Length: > 100 }) throw new ArgumentException("planId is too long");
        return new
        {
            planId = planId ?? "plan-2026",
            currency = "EUR",
            revenue = 1_250_000m,
            costOfGoods = 710_000m,
            grossMargin = 540_000m,
            operatingExpenses = 320_000m,
            netIncome = 220_000m,
        };
    }
}
