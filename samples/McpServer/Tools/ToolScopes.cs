namespace Platform.Samples.McpServer.Tools;

/// <summary>Each tool and the scope a caller must hold to call it: the same scopes as the sample API's routes.</summary>
public static class ToolScopes
{
    public const string ListModels = "list_models";
    public const string Chat = "chat";
    public const string PnlSummary = "pnl_summary";

    public static readonly IReadOnlyDictionary<string, string> Required = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ListModels] = "models:read",
        [Chat] = "chat:completions",
        [PnlSummary] = "insights:read",
    };

    public static IReadOnlyList<string> Supported => [.. Required.Values.Distinct()];
}
