using System.Collections.Concurrent;
using System.Net;
using Platform.Dashboard.Access;
using Platform.Sdk.Client;
using Platform.Sdk.Client.Users;

namespace Platform.Dashboard.Api;

/// <summary>What an actor or subject is called, and of which kind; <see cref="Id"/> is what the platform records.</summary>
public sealed record Named(string Name, string Kind, string Id, bool Resolved);

/// <summary>
/// People's emails and keys', clients' and credentials' names for the ids the audit log records
/// (<c>user:…</c>, <c>key:…</c>, <c>client:…</c>, <c>agent:…</c>, <c>system:…</c>). One per circuit, each id asked
/// for once; what cannot be read (deleted, or the person may not list it) shows as its short id (asked
/// again next time when the call itself failed).
/// </summary>
public sealed class Names(DashboardApi api)
{
    private readonly ConcurrentDictionary<string, Task<Named>> _known = new(StringComparer.Ordinal);
    private Task<IReadOnlyList<UserView>>? _people;

    public Task<Named> ActorAsync(string actor) => _known.GetOrAdd(actor, ResolveAsync);

    /// <summary>An audited subject: an <c>agent</c> subject is a credential (by id), unlike an <c>agent:</c> actor (an agent id).</summary>
    public Task<Named> SubjectAsync(string type, Guid id) => ActorAsync(type == "agent" ? $"credential:{id}" : $"{type}:{id}");

    private async Task<Named> ResolveAsync(string actor)
    {
        var (kind, rest) = Split(actor);
        try
        {
            var client = await api.ClientAsync();
            string? name = kind switch
            {
                "user" when Guid.TryParse(rest, out var user) => (await PeopleAsync()).FirstOrDefault(p => p.UserId == user)?.Email,
                "key" when Guid.TryParse(rest, out var key) => (await client.Keys.GetAsync(key)).Name,
                "client" when Guid.TryParse(rest, out var oauth) => (await client.Clients.GetAsync(oauth)).Name,
                "credential" when Guid.TryParse(rest, out var credential) => (await client.Agents.GetAsync(credential)).AgentId,
                "agent" => rest,
                "system" => $"the platform ({rest.Replace('-', ' ')})",
                _ => null,
            };
            return name is null ? Fallback(actor) : new Named(name, kind, actor, true);
        }
        catch (Exception e) when (e is PlatformApiException or HttpRequestException or TaskCanceledException or SessionEndedException)
        {
            // Gone, another team's, not readable with this sign-in's scopes, or a call that failed for now: the id is
            // still the truth. Only the last is not kept (the next page that names it asks again): a gone or unreadable
            // id named on every line of a timeline would otherwise cost a call per line.
            if (kind == "user") _people = null;
            if (e is not PlatformApiException { StatusCode: < HttpStatusCode.InternalServerError }) _known.TryRemove(actor, out _);
            return Fallback(actor);
        }
    }

    /// <summary>The account's people, one list call per circuit for every person named on its pages; a failed call is asked again.</summary>
    public Task<IReadOnlyList<UserView>> PeopleAsync() => _people ??= LoadPeopleAsync();

    private async Task<IReadOnlyList<UserView>> LoadPeopleAsync() => await (await api.ClientAsync()).Users.ListAsync();

    public static Named Fallback(string actor)
    {
        var (kind, rest) = Split(actor);
        // Note: the tail: ids are UUIDv7, whose first characters are a timestamp shared by everything made that minute.
        var shortId = Guid.TryParse(rest, out _) ? $"…{rest[^8..]}" : rest;
        return new Named(kind.Length == 0 ? actor : $"{kind} {shortId}", kind, actor, false);
    }

    private static (string Kind, string Tail) Split(string actor) =>
        actor.IndexOf(':') is var colon and > 0 ? (actor[..colon], actor[(colon + 1)..]) : ("", actor);
}
