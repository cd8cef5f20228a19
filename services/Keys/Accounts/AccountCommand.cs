using JasperFx.Events;
using Marten;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Platform.ServiceDefaults;

namespace Platform.Keys.Accounts;

/// <summary>Loads an account's stream for an operator's command: a bad id is a 400, an unknown one a 404, If-Match checked.</summary>
public static class AccountCommand
{
    public static async Task<(IResult? Problem, IEventStream<Account>? Stream)> LoadAsync(string id, Caller caller, HttpContext http, IDocumentSession session, CancellationToken ct)
    {
        if (await OperatorPolicy.RefuseUnlessOperatorAsync(caller, session, ct) is { } refusal) return (refusal, null);
        if (!Guid.TryParse(id, out var accountId)) return (ApiError.BadRequest("id must be an account id"), null);
        if (accountId == Guid.Empty) return (ApiError.NotFound($"no account {accountId}"), null);
        if (!ExpectedVersion.TryRead(http.Request, out var expected)) return (ApiError.BadRequest("If-Match must be a quoted stream version, e.g. \"3\""), null);
        var stream = expected is { } version
            ? await session.Events.FetchForWriting<Account>(accountId, version, ct)
            : await session.Events.FetchForWriting<Account>(accountId, ct);
        return stream.Aggregate is null ? (ApiError.NotFound($"no account {accountId}"), null) : (null, stream);
    }
}
