namespace Platform.Keys.Accounts;

// The events of one account's stream. Past tense, data only; never rename one that has been stored.

public sealed record AccountWasOpened(Guid AccountId, string Name, bool Operator, string Actor, DateTimeOffset OpenedAt);

/// <summary>Every key of the account that was active is suspended with it, each in its own stream.</summary>
public sealed record AccountWasSuspended(Guid AccountId, string Reason, string Actor, DateTimeOffset SuspendedAt);

/// <summary>The keys suspended with the account (and only those) are reinstated with it.</summary>
public sealed record AccountWasReinstated(Guid AccountId, string Actor, DateTimeOffset ReinstatedAt);
