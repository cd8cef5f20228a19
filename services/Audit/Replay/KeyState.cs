using System.Text.Json;
using Platform.Audit.Log;
using Platform.Contracts.Keys;

namespace Platform.Audit.Replay;

/// <summary>What a key could do at an instant, as its audited events tell it.</summary>
public sealed record KeyState(
    string Status, string? Name, string? Environment, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt,
    Guid? SuccessorId, Guid? PredecessorId, DateTimeOffset? RevokedAt)
{
    public static readonly KeyState Unknown = new("unknown", null, null, [], null, null, null, null);

    /// <summary>Folds Keys' audited events in order; other events leave the state as it is. Pure.</summary>
    public KeyState Apply(AuditEntry e) =>
        e.EventType switch
        {
            nameof(KeyIssued) => this with
            {
                Status = "active", Name = e.Data.Text("name"), Environment = e.Data.Text("environment"),
                Scopes = e.Data.Strings("scopes"), ExpiresAt = e.Data.Instant("expiresAt"),
            },
            nameof(KeyRenamed) => this with { Name = e.Data.Text("name") },
            nameof(KeyScopesChanged) => this with { Scopes = e.Data.Strings("scopes") },
            nameof(KeyRevoked) => this with { Status = "revoked", RevokedAt = e.OccurredAt },
            nameof(KeySuspended) => this with { Status = "suspended" },
            nameof(KeyReinstated) => this with { Status = "active" },
            nameof(KeyExpired) => this with { Status = "expired" },
            nameof(KeyRotated) => this with
            {
                SuccessorId = e.Data.Id("successorId"),
                ExpiresAt = e.Data.Instant("overlapEndsAt") is { } end && (ExpiresAt is null || end < ExpiresAt) ? end : ExpiresAt,
            },
            _ => this,
        };

    /// <summary>A key past its expiry is expired at that instant even before Keys' expiry event arrived.</summary>
    public KeyState At(DateTimeOffset at) => Status is "active" or "suspended" && ExpiresAt <= at ? this with { Status = "expired" } : this;
}

internal static class JsonFields
{
    public static string? Text(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static IReadOnlyList<string> Strings(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray().Select(x => x.GetString() ?? "")] : [];

    public static DateTimeOffset? Instant(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var at) ? at : null;

    public static Guid? Id(this JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var id) ? id : null;
}
