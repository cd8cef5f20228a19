namespace Platform.Contracts.Accounts;

// The lifecycle of an account (a team the platform serves). Producer: Keys, which owns accounts as event
// streams. Consumers: Audit (the account's history), Tokens and Agents (a suspended account's access tokens
// and agent credentials are refused; Keys itself suspends the account's keys, each in its own stream).

/// <summary>An integration event about one account: what Audit records in that account's history.</summary>
public interface IAccountEvent : IAuditedEvent
{
    string IAuditedEvent.SubjectType => AuditSubjects.Account;

    Guid IAuditedEvent.SubjectId => AccountId;
}

/// <summary>
/// An account was opened, by the bootstrap or by an operator. <see cref="Operator"/>: the platform's own
/// account, whose credentials may hold <c>accounts:manage</c>. Producer: Keys. Consumers: Audit, Tokens, Agents.
/// </summary>
public sealed record AccountOpened(Guid EventId, Guid AccountId, string Name, bool Operator, string Actor, DateTimeOffset OccurredAt) : IAccountEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>Every credential of the account stops working until reinstated. Producer: Keys. Consumers: Audit, Tokens, Agents.</summary>
public sealed record AccountSuspended(Guid EventId, Guid AccountId, string Reason, string Actor, DateTimeOffset OccurredAt) : IAccountEvent
{
    public long SourceVersion { get; init; }
}

/// <summary>A suspended account works again (keys suspended with it are reinstated by Keys). Producer: Keys. Consumers: Audit, Tokens, Agents.</summary>
public sealed record AccountReinstated(Guid EventId, Guid AccountId, string Actor, DateTimeOffset OccurredAt) : IAccountEvent
{
    public long SourceVersion { get; init; }
}
