using Marten;
using Platform.Secrets;
using Platform.Infrastructure.Changes;

namespace Platform.Tokens.Clients;

/// <summary>
/// Clients as the protocol endpoints see them: the in-memory index, and on a miss one bounded read, so a
/// client registered, or a secret rotated, on another replica works here as soon as that was acknowledged,
/// before this replica's notification arrives. An id that is no GUID, or a malformed secret, costs no read.
/// </summary>
public sealed class ClientLookup(ClientIndex index, IDocumentStore store, IndexFallback<OAuthClient> fallback)
{
    public ClientIndex Index => index;

    public async ValueTask<IndexRead<OAuthClient>> FindAsync(string? clientId, CancellationToken ct)
    {
        if (!Guid.TryParse(clientId, out var id)) return IndexRead<OAuthClient>.Absent;
        if (index.TryFind(id, out var known)) return new(known, false);
        return await fallback.ReadAsync($"{id:N}", t => LoadAsync(id, t), ct);
    }

    /// <summary>
    /// The client again, when a secret matches none the index holds; absent when it still does not match,
    /// so the same wrong secret is not read again within the fallback's window.
    /// </summary>
    public Task<IndexRead<OAuthClient>> RereadAsync(Guid id, string secret, DateTimeOffset now, CancellationToken ct) =>
        fallback.ReadAsync($"{id:N}:{SecretFormat.Hash(secret)}", async t =>
            await LoadAsync(id, t) is { } client && ClientIndex.SecretMatches(client, secret, now) ? client : null, ct);

    private async Task<OAuthClient?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var client = await session.LoadAsync<OAuthClient>(id, ct);
        if (client is not null) index.Upsert(client);
        return client;
    }
}
