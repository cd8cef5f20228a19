using Marten;
using Platform.Contracts;
using Platform.Keys.ApiKeys;

namespace Platform.Keys.Accounts;

/// <summary>An account with its first key: the only key that can be made without presenting one.</summary>
public sealed record BootstrappedAccount(Account Account, IssuedKey AdminKey);

public static class AccountBootstrap
{
    public const string Actor = "bootstrap";

    /// <summary>The development account has a fixed id, so concurrent replicas bootstrapping race on one row and only one wins.</summary>
    public static readonly Guid DevelopmentAccountId = Guid.Parse("0193a1d2-0000-7000-8000-00000000d0e5");

    public static async Task<BootstrappedAccount> CreateAsync(IDocumentSession session, Guid accountId, string name, DateTimeOffset now, CancellationToken ct)
    {
        var account = new Account(accountId, name, now);
        session.Insert(account); // Insert, not Store: a second bootstrap of the same account fails instead of overwriting.
        var command = new IssueKey("admin", "live", [Scopes.KeysManage], null);
        var secret = KeySecret.Generate(KeyEnvironment.Live);
        var issued = IssueKeyEndpoint.Issue(command, account.Id, KeyEnvironment.Live, secret, Guid.CreateVersion7(), Actor, now);
        session.Events.StartStream<ApiKey>(issued.KeyId, issued);
        await session.SaveChangesAsync(ct);
        var key = ApiKey.Create(issued);
        return new(account, new IssuedKey(key.Id, secret, key.Display, key.Name, "live", key.Scopes, key.CreatedAt, key.ExpiresAt));
    }

    public static async Task<bool> AnyAccountAsync(IQuerySession session, CancellationToken ct) =>
        await session.Query<Account>().AnyAsync(ct);
}
