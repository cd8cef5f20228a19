using Marten;
using Platform.Contracts;
using Platform.Keys.ApiKeys;
using Wolverine;

namespace Platform.Keys.Accounts;

/// <summary>An account with its first key: the only key that can be made without presenting one.</summary>
public sealed record BootstrappedAccount(Account Account, IssuedKey AdminKey);

public static class AccountBootstrap
{
    public const string Actor = "bootstrap";

    /// <summary>The development account has a fixed id, so concurrent replicas bootstrapping race on one row and only one wins.</summary>
    public static readonly Guid DevelopmentAccountId = Guid.Parse("0193a1d2-0000-7000-8000-00000000d0e5");

    /// <remarks>
    /// With <c>announceTo</c>, a bus whose outbox the session is enlisted in (where Wolverine runs), the admin key's
    /// issue is announced like any key's, so Audit's history of it starts at version 1. Without (the bootstrap
    /// command, which runs without Wolverine) nothing is announced, and Audit's history of that key lacks its first event.
    /// </remarks>
    public static async Task<BootstrappedAccount> CreateAsync(IDocumentSession session, Guid accountId, string name, DateTimeOffset now, CancellationToken ct,
        IMessageBus? announceTo = null)
    {
        var account = new Account(accountId, name, now);
        session.Insert(account); // Insert, not Store: a second bootstrap of the same account fails instead of overwriting.
        var command = new IssueKey("admin", "live", [Scopes.KeysManage], null);
        var secret = KeySecret.Generate(KeyEnvironment.Live);
        var key = await StartKeyAsync(session, IssueKeyEndpoint.Issue(command, account.Id, KeyEnvironment.Live, secret, Guid.CreateVersion7(), Actor, now), announceTo);
        await session.SaveChangesAsync(ct);
        return new(account, new IssuedKey(key.Id, secret, key.Display, key.Name, "live", key.Scopes, key.CreatedAt, key.ExpiresAt));
    }

    /// <summary>Starts a key's stream outside the API, announcing it when there is a bus to announce it on.</summary>
    public static async Task<ApiKey> StartKeyAsync(IDocumentSession session, ApiKeyIssued issued, IMessageBus? announceTo)
    {
        session.Events.StartStream<ApiKey>(issued.KeyId, issued);
        var key = ApiKey.Create(issued);
        if (announceTo is not null) await announceTo.PublishAsync(IssueKeyEndpoint.ToContract(key, issued));
        return key;
    }

    public static async Task<bool> AnyAccountAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Account>().AnyAsync(ct);
}
