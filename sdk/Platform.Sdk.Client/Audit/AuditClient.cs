using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Platform.Sdk.Client.Audit;

/// <summary>The audit log (<c>/api/audit</c>): query, as-of replay, chain verification, export, quarantine.</summary>
public sealed class AuditClient
{
    private const string Root = "/api/audit";
    private readonly ApiTransport _api;

    internal AuditClient(ApiTransport api) => _api = api;

    /// <summary>One page; pass its <see cref="AuditPage.NextCursor"/> as <paramref name="cursor"/> for the next one.</summary>
    public Task<AuditPage> EventsAsync(AuditQuery? query = null, string? cursor = null, CancellationToken ct = default) =>
        _api.SendAsync<AuditPage>(HttpMethod.Get, QueryString.Build($"{Root}/events",
            ("subject", query?.Subject), ("actor", query?.Actor), ("type", query?.EventType), ("from", query?.From), ("to", query?.To),
            ("order", query is { Ascending: true } ? "asc" : null), ("limit", query?.PageSize), ("cursor", cursor)), null, null, ct);

    /// <summary>Every matching entry, page by page as the caller enumerates.</summary>
    public IAsyncEnumerable<AuditEntry> AllEventsAsync(AuditQuery? query = null, CancellationToken ct = default) =>
        ApiTransport.PagesAsync((cursor, token) => EventsAsync(query, cursor, token), page => page.Items, page => page.NextCursor, ct);

    public Task<SubjectAsOf> AsOfAsync(Guid subjectId, DateTimeOffset at, CancellationToken ct = default) =>
        _api.SendAsync<SubjectAsOf>(HttpMethod.Get, QueryString.Build($"{Root}/subjects/{QueryString.Segment(subjectId)}/as-of", ("at", at)), null, null, ct);

    /// <summary>
    /// The auditor's report on one subject: its state at <paramref name="at"/> (null: now), every change with its actor,
    /// use after its revocation, and its chain's verification. Needs only audit:read.
    /// </summary>
    public Task<SubjectReport> ReportAsync(Guid subjectId, DateTimeOffset? at = null, CancellationToken ct = default) =>
        _api.SendAsync<SubjectReport>(HttpMethod.Get, QueryString.Build($"{Root}/subjects/{QueryString.Segment(subjectId)}/report", ("at", at)), null, null, ct);

    /// <summary>Re-derives the hash chains of the account (or of one subject) on the server.</summary>
    public Task<ChainVerification> VerifyAsync(Guid? subject = null, CancellationToken ct = default) =>
        _api.SendAsync<ChainVerification>(HttpMethod.Get, QueryString.Build($"{Root}/verify", ("subject", subject)), null, null, ct);

    /// <summary>The log as JSON Lines, streamed: entries are yielded as they arrive, never held whole.</summary>
    public async IAsyncEnumerable<ExportedEntry> ExportAsync(Guid? subject = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var response = await _api.SendRawAsync(HttpMethod.Get, QueryString.Build($"{Root}/export", ("subject", subject)), null, null, null,
            HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            ExportedEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<ExportedEntry>(line, ApiTransport.Json);
            }
            catch (JsonException)
            {
                throw new PlatformApiException(response.StatusCode, PlatformApiException.InvalidResponse, "an export line is not an audit entry");
            }
            if (entry is not null) yield return entry;
        }
    }

    public Task<QuarantinePolicy> GetQuarantineAsync(CancellationToken ct = default) =>
        _api.SendAsync<QuarantinePolicy>(HttpMethod.Get, $"{Root}/quarantine", null, null, ct);

    /// <summary>Turns automatic suspension of keys with unusual usage on or off for the account.</summary>
    public Task<QuarantinePolicy> SetQuarantineAsync(bool enabled, CancellationToken ct = default) =>
        _api.SendAsync<QuarantinePolicy>(HttpMethod.Put, $"{Root}/quarantine", new { enabled }, null, ct);
}
