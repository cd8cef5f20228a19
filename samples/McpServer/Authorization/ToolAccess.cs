using System.Security.Claims;
using System.Text.RegularExpressions;
using Platform.Samples.McpServer.Tools;
using Platform.Sdk.ResourceServer.Credentials;

namespace Platform.Samples.McpServer.Authorization;

/// <summary>What the caller's principal alone says about a tool: its scope, and for an agent credential the allow-list it was verified with.</summary>
public static class ToolAccess
{
    /// <summary>Why the caller may not call <paramref name="tool"/>, or null. Unknown tools are left to the MCP server's own answer.</summary>
    public static string? ScopeProblem(ClaimsPrincipal user, string tool) =>
        ToolScopes.Required.TryGetValue(tool, out var scope) && !user.HasScope(scope)
            ? $"{Kind(user)} lacks the scope '{scope}' the tool '{tool}' requires" : null;

    public static bool IsAgent(ClaimsPrincipal user) => user.FindFirst(PlatformClaims.Credential)?.Value == "agent_token";

    /// <summary>
    /// For tools/list only: the allow-list as the credential's last verification reported it. Calls never
    /// rely on it; each one asks Agents (<see cref="ToolAuthorizationFilters"/>).
    /// </summary>
    public static bool Listed(ClaimsPrincipal user, string tool)
    {
        if (ScopeProblem(user, tool) is not null) return false;
        var patterns = user.FindAll(PlatformClaims.Tool).Select(c => c.Value).ToList();
        return !IsAgent(user) || patterns.Count == 0 || patterns.Any(p => Regex.IsMatch(tool, $"^{Regex.Escape(p).Replace("\\*", ".*")}$"));
    }

    private static string Kind(ClaimsPrincipal user) => user.FindFirst(PlatformClaims.Credential)?.Value switch
    {
        "api_key" => "API key",
        "agent_token" => "agent credential",
        _ => "access token",
    };
}
