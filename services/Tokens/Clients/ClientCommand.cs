using JasperFx.Events;
using Marten;
using Platform.ServiceDefaults;
using Platform.Tokens.Access;

namespace Platform.Tokens.Clients;

public static class ClientCommand
{
    /// <summary>The client's stream for writing, or the 4xx that says why not. Another account's client is a 404, like a missing one.</summary>
    public static async Task<(IResult? Problem, IEventStream<OAuthClient>? Stream)> LoadAsync(string id, Caller caller, IDocumentSession session, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var clientId)) return (ApiError.BadRequest("id must be a client id"), null);
        // Marten refuses the empty Guid as a stream id; no client has it, so it is as unknown as any other.
        if (clientId == Guid.Empty) return (ApiError.NotFound($"no client {clientId}"), null);
        var stream = await session.Events.FetchForWriting<OAuthClient>(clientId, ct);
        return stream.Aggregate?.AccountId == caller.AccountId ? (null, stream) : (ApiError.NotFound($"no client {clientId}"), null);
    }
}
