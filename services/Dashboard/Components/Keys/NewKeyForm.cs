using System.ComponentModel.DataAnnotations;
using Platform.Sdk.Client.Keys;

namespace Platform.Dashboard.Components.Keys;

/// <summary>The create-key form, checked here with the same bounds Keys enforces, before anything is sent.</summary>
public sealed class NewKeyForm
{
    [Required(ErrorMessage = "Give the key a name"), StringLength(100, ErrorMessage = "The name is at most 100 characters")]
    public string? Name { get; set; }

    public string Environment { get; set; } = KeyEnvironments.Live;

    public HashSet<string> Scopes { get; set; } = [];

    public DateTime? ExpiresAt { get; set; }

    [Range(1, 1_000_000, ErrorMessage = "Requests must be 1 to 1,000,000")]
    public int? Limit { get; set; }

    [Range(1, 86_400, ErrorMessage = "The window must be 1 to 86,400 seconds")]
    public int? WindowSeconds { get; set; }

    /// <summary>Rules that span fields, which data annotations cannot say.</summary>
    public string? Problem(DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(Name) ? "Give the key a name"
        : ExpiresAt is { } at && new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) <= now ? "The expiry must be in the future"
        : (Limit is null) != (WindowSeconds is null) ? "A rate limit needs both a number of requests and a window"
        : null;

    public IssueKeyRequest ToRequest() => new(
        Name!.Trim(), Environment, [.. Scopes.Order(StringComparer.Ordinal)],
        ExpiresAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
        Limit is { } limit && WindowSeconds is { } window ? new RateLimit(limit, window) : null);
}
