using System.Collections.Concurrent;
using Platform.Secrets;

namespace Platform.Tokens.Clients;

/// <summary>
/// Every client, in this replica's memory: a client it holds is authenticated without a database read.
/// Kept by <see cref="State.StateSync"/>, and by <see cref="ClientLookup"/> on a miss.
/// </summary>
public sealed class ClientIndex
{
    public const string SecretPrefix = SecretFormat.ClientSecretPrefix;
    private readonly ConcurrentDictionary<Guid, OAuthClient> _clients = new();

    public bool TryFind(string? clientId, out OAuthClient client)
    {
        client = null!;
        return Guid.TryParse(clientId, out var id) && TryFind(id, out client);
    }

    public bool TryFind(Guid id, out OAuthClient client) => _clients.TryGetValue(id, out client!);

    public void ReplaceAll(IEnumerable<OAuthClient> clients)
    {
        var loaded = clients.ToDictionary(c => c.Id);
        foreach (var gone in _clients.Keys.Where(id => !loaded.ContainsKey(id))) _clients.TryRemove(gone, out _);
        foreach (var client in loaded.Values) Upsert(client);
    }

    /// <summary>Never older over newer: a read on a miss and a notified reload may finish in either order.</summary>
    public void Upsert(OAuthClient client) =>
        _clients.AddOrUpdate(client.Id, static (_, fresh) => fresh, static (_, held, fresh) => fresh.Version >= held.Version ? fresh : held, client);

    public void Remove(Guid id) => _clients.TryRemove(id, out _);

    /// <summary>
    /// The secret matches the current one, or the previous one within its overlap. A malformed secret
    /// is refused before any hashing.
    /// </summary>
    public static bool SecretMatches(OAuthClient client, string secret, DateTimeOffset now)
    {
        if (!SecretFormat.IsWellFormed(secret, SecretPrefix) || client.SecretHash is null) return false;
        var current = SecretFormat.Matches(secret, client.SecretHash);
        var previous = client.PreviousSecretHash is { } old && client.PreviousValidUntil > now && SecretFormat.Matches(secret, old);
        return current | previous;
    }
}
