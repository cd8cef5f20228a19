using Marten;
using Platform.Tokens.Clients;
using Platform.Tokens.Introspection;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.State;

/// <summary>
/// Adds <c>pg_notify</c> for every client, refresh family, key standing and revoked token a session
/// writes to that session's own transaction: every replica hears of it on commit, never of a rollback.
/// </summary>
public sealed class StateChangeNotifier : DocumentSessionListenerBase
{
    public const string Channel = "tokens_changed";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        var changes = session.PendingChanges;
        foreach (var stream in changes.Streams())
        {
            if (stream.AggregateType == typeof(OAuthClient)) Notify(session, StateChange.Client, stream.Id.ToString());
            else if (stream.AggregateType == typeof(RefreshFamily)) Notify(session, StateChange.Family, stream.Id.ToString());
        }
        foreach (var standing in changes.AllChangedFor<KeyStanding>()) Notify(session, StateChange.Key, standing.Id.ToString());
        foreach (var token in changes.AllChangedFor<RevokedAccessToken>()) Notify(session, StateChange.Token, token.Id);
        return Task.CompletedTask;
    }

    private static void Notify(IDocumentSession session, string kind, string id) =>
        session.QueueSqlCommand("select pg_notify(?, ?)", Channel, $"{kind}:{id}");
}

public static class StateChange
{
    public const string Client = "client";
    public const string Family = "family";
    public const string Key = "key";
    public const string Token = "token";
}
