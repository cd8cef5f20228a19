using Platform.Contracts;

namespace Platform.Keys.ApiKeys;

/// <summary>Input rules shared by the key commands; each returns the error message, or null when valid.</summary>
public static class KeyRules
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 500;

    public static string? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength ? $"name must be 1 to {MaxNameLength} characters" : null;

    public static string? ScopeList(string[]? scopes) =>
        scopes?.FirstOrDefault(s => !Scopes.All.Contains(s)) is { } unknown ? $"unknown scope '{unknown}'" : null;

    public static string? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength ? $"reason must be 1 to {MaxReasonLength} characters" : null;

    public static string[] Normalise(string[]? scopes) => (scopes ?? []).Distinct().Order(StringComparer.Ordinal).ToArray();
}
