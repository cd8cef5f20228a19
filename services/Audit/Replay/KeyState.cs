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
    public KeyState Apply(AuditRecorded e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return Apply(e.EventType, data.RootElement, e.OccurredAt);
    }

    /// <inheritdoc cref="Apply(AuditRecorded)"/>
    public KeyState Apply(AuditEntry e) => Apply(e.EventType, e.Data, e.OccurredAt);

    private KeyState Apply(string eventType, JsonElement data, DateTimeOffset occurredAt) =>
        eventType switch
        {
            nameof(KeyIssued) => this with
            {
                Status = "active", Name = data.Text("name"), Environment = data.Text("environment"),
                Scopes = data.Strings("scopes"), ExpiresAt = data.Instant("expiresAt"),
            },
            nameof(KeyRenamed) => this with { Name = data.Text("name") },
            nameof(KeyScopesChanged) => this with { Scopes = data.Strings("scopes") },
            nameof(KeyRevoked) => this with { Status = "revoked", RevokedAt = occurredAt },
            nameof(KeySuspended) => this with { Status = "suspended" },
            nameof(KeyReinstated) => this with { Status = "active" },
            nameof(KeyExpired) => this with { Status = "expired" },
            nameof(KeyRotated) => this with
            {
                SuccessorId = data.Id("successorId"),
                ExpiresAt = data.Instant("overlapEndsAt") is { } end && (ExpiresAt is null || end < ExpiresAt) ? end : ExpiresAt,
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
