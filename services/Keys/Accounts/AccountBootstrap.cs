using Marten;
using Platform.Contracts;
using Platform.Contracts.Accounts;
using Platform.Keys.ApiKeys;
using Wolverine;
using Wolverine.Marten;
using Platform.Secrets;

namespace Platform.Keys.Accounts;

/// <summary>An account with its first key, shown once: the admin who manages everything else in it.</summary>
public sealed record BootstrappedAccount(Account Account, IssuedKey AdminKey);

/// <summary>An account's opening decided: its first event, its admin key's first event, and the key's secret.</summary>
public sealed record AccountOpening(AccountWasOpened Opened, ApiKeyIssued AdminKey, string Secret)
{
    /// <summary>The first key of a team is its admin (keys:manage); the operator account's also manages accounts.</summary>
    public static AccountOpening Decide(Guid accountId, string name, bool @operator, string actor, DateTimeOffset now)
    {
        var opened = new AccountWasOpened(accountId, name, @operator, actor, now);
        string[] scopes = @operator ? [Scopes.KeysManage, Scopes.AccountsManage] : [Scopes.KeysManage];
        var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        var key = IssueKeyEndpoint.Issue(new IssueKey("admin", "live", scopes, null), accountId, KeyEnvironment.Live, secret, Guid.CreateVersion7(), actor, now);
        return new(opened, key, secret);
    }

    public Account Account => Account.Create(Opened) with { Version = 1 };

    public ApiKey Key => ApiKey.Create(AdminKey) with { Version = 1 };

    public IssuedKey Issued => new(Key.Id, Secret, Key.Display, Key.Name, "live", Key.Scopes, Key.CreatedAt, Key.ExpiresAt);

    /// <summary>Version 1 of both streams, announced to Audit (and to Tokens and Agents, which learn the operator account).</summary>
    public IEnumerable<object> Announcements() =>
    [
        new AccountOpened(Guid.CreateVersion7(), Opened.AccountId, Opened.Name, Opened.Operator, Opened.Actor, Opened.OpenedAt) { SourceVersion = 1 },
        IssueKeyEndpoint.ToContract(Key, AdminKey),
    ];

    /// <summary>Both streams started; a stream that exists already makes the whole transaction fail.</summary>
    public IEnumerable<IStartStream> Streams() =>
    [
        MartenOps.StartStream<Account>(Opened.AccountId, Opened),
        MartenOps.StartStream<ApiKey>(AdminKey.KeyId, AdminKey),
    ];
}

public static class AccountBootstrap
{
    public const string Actor = "bootstrap";

    /// <summary>The development account has a fixed id, so concurrent replicas bootstrapping race on one stream and only one wins.</summary>
    public static readonly Guid DevelopmentAccountId = Guid.Parse("0193a1d2-0000-7000-8000-00000000d0e5");

    /// <summary>The first account, the platform's own: the operator account, whose admin key also manages accounts.</summary>
    /// <remarks>
    /// With <c>announceTo</c>, a bus whose outbox the session is enlisted in (where Wolverine runs), the account and
    /// its key are announced like any, so Audit's histories start at version 1. Without (the bootstrap command, which
    /// runs without Wolverine) nothing is announced, and those histories lack their first event.
    /// </remarks>
    public static async Task<BootstrappedAccount> CreateAsync(IDocumentSession session, Guid accountId, string name, DateTimeOffset now, CancellationToken ct,
        IMessageBus? announceTo = null)
    {
        // A second bootstrap of the same account fails on the existing stream instead of overwriting it.
        var opening = AccountOpening.Decide(accountId, name, @operator: true, Actor, now);
        foreach (var stream in opening.Streams()) stream.Execute(session);
        if (announceTo is not null)
            foreach (var announcement in opening.Announcements()) await announceTo.PublishAsync(announcement);
        await session.SaveChangesAsync(ct);
        return new(opening.Account, opening.Issued);
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
