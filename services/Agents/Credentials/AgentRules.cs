using Platform.Contracts;

namespace Platform.Agents.Credentials;

/// <summary>Input rules shared by the credential commands; each returns the error message, or null when valid.</summary>
public static class AgentRules
{
    public const int MaxAgentIdLength = 128;
    public const int MaxPatterns = 50;
    public const int MaxPatternLength = 200;
    public const int MaxReasonLength = 500;
    public static readonly TimeSpan MaxRequestedLifetime = TimeSpan.FromDays(365);

    public static string? AgentId(string? agentId, string field = "agentId") =>
        string.IsNullOrEmpty(agentId) || agentId.Length > MaxAgentIdLength || !agentId.All(IsNameChar)
            ? $"{field} must be 1 to {MaxAgentIdLength} characters of letters, digits and . _ : -"
            : null;

    public static string? ScopeList(string[]? scopes) =>
        scopes is null ? null
        : scopes.Length > Scopes.All.Count * 4 ? "too many scopes"
        : scopes.Any(s => s is null) ? "scopes must be scope names"
        : scopes.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown ? $"unknown scope '{Truncate(unknown)}'"
        : null;

    public static string? Patterns(string[]? patterns, string field) =>
        patterns is null ? null
        : patterns.Length > MaxPatterns ? $"{field} holds at most {MaxPatterns} entries"
        : patterns.Any(p => string.IsNullOrEmpty(p) || p.Length > MaxPatternLength || !p.All(c => IsNameChar(c) || c is '/' or '*'))
            ? $"{field} entries must be 1 to {MaxPatternLength} characters of letters, digits, . _ : - / and *"
        : null;

    /// <summary>A tool or resource being used: a name, never a pattern.</summary>
    public static string? UsedName(string? name, string field) =>
        name is null ? null
        : name.Length is 0 or > MaxPatternLength || !name.All(c => IsNameChar(c) || c == '/') ? $"{field} must be 1 to {MaxPatternLength} characters of letters, digits, . _ : - and /"
        : null;

    public static string? Lifetime(int? seconds) =>
        seconds is null || seconds >= 1 && seconds <= MaxRequestedLifetime.TotalSeconds ? null
            : $"lifetimeSeconds must be between 1 and {MaxRequestedLifetime.TotalSeconds:0}";

    public static string? Budget(long? budget) =>
        budget is null or (>= 1 and <= 1_000_000_000) ? null : "requestBudget must be between 1 and 1000000000";

    public static string? Reason(string? reason) =>
        reason is null || reason.Length is >= 1 and <= MaxReasonLength && !string.IsNullOrWhiteSpace(reason) ? null
            : $"reason must be 1 to {MaxReasonLength} characters";

    public static string[] Normalise(IEnumerable<string> values) => values.Distinct().Order(StringComparer.Ordinal).ToArray();

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';

    // Error messages echo input: keep them short.
    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
