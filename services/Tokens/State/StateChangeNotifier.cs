using Marten;
using Platform.Contracts.Keys;
using Platform.Tokens.Accounts;
using Platform.Tokens.Clients;
using Platform.Tokens.Introspection;
using Platform.Tokens.Refresh;

namespace Platform.Tokens.State;

/// <summary>
/// Adds <c>pg_notify</c> for every client, refresh family, key or account standing and revoked token a session
/// writes to that session's own transaction: every replica hears of it on commit, never of a rollback.
/// </summary>
public sealed class StateChangeNotifier : DocumentSessionListenerBase
{
    public const string Channel = "tokens_changed";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        // Collect first: queueing a command adds to the very changes being enumerated.
        var changes = session.PendingChanges;
        var notices = changes.Streams()
            .Select(s => s.AggregateType == typeof(OAuthClient) ? $"{StateChange.Client}:{s.Id}" : s.AggregateType == typeof(RefreshFamily) ? $"{StateChange.Family}:{s.Id}" : null)
            .Concat(changes.AllChangedFor<KeyStanding>().Select(k => $"{StateChange.Key}:{k.Id}"))
            .Concat(changes.AllChangedFor<RevokedAccessToken>().Select(t => $"{StateChange.Token}:{t.Id}"))
            .Concat(changes.AllChangedFor<AccountStanding>().Select(a => $"{StateChange.Account}:{a.Id}"))
            .OfType<string>().Distinct().ToList();
        foreach (var notice in notices) session.QueueSqlCommand("select pg_notify(?, ?)", Channel, notice);
        return Task.CompletedTask;
    }
}

public static class StateChange
{
    public const string Client = "client";
    public const string Family = "family";
    public const string Key = "key";
    public const string Token = "token";
    public const string Account = "account";
}
