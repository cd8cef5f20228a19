using Platform.Contracts;
using Platform.Keys.Access;

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

    /// <summary>
    /// Operator-only scopes (accounts:manage) are given only by a caller that holds them: the bootstrap gives the
    /// operator account's first key that scope, so no team's admin can make a key that manages accounts.
    /// </summary>
    public static string? OperatorScopes(string[]? scopes, System.Security.Claims.ClaimsPrincipal caller) =>
        scopes?.FirstOrDefault(s => Scopes.OperatorOnly.Contains(s) && !caller.HasClaim(Caller.ScopeClaim, s)) is { } scope
            ? $"scope '{scope}' can be given only by a credential that holds it (an operator's)" : null;

    public static string? Reason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength ? $"reason must be 1 to {MaxReasonLength} characters" : null;

    public const int MaxMetadataEntries = 20;

    /// <summary>Sandbox keys are rate-limited unless the creator sets a limit of their own.</summary>
    public static readonly RateLimit TestKeyDefault = new(100, 60);

    public static string? Limit(RateLimit? limit) =>
        limit is null || limit is { Limit: >= 1 and <= 1_000_000, WindowSeconds: >= 1 and <= 86_400 } ? null
            : "rateLimit needs limit 1..1000000 and windowSeconds 1..86400";

    public static string? MetadataMap(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null ? null
        : metadata.Count > MaxMetadataEntries ? $"metadata holds at most {MaxMetadataEntries} entries"
        : metadata.Any(m => m.Key.Length is < 1 or > 40 || m.Value is null || m.Value.Length > 500) ? "metadata keys must be 1 to 40 characters and values at most 500"
        : null;

    public static string[] Normalise(string[]? scopes) => (scopes ?? []).Distinct().Order(StringComparer.Ordinal).ToArray();
}
