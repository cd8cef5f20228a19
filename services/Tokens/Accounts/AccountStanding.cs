using Platform.Contracts.Accounts;

namespace Platform.Tokens.Accounts;

/// <summary>
/// What this service knows of an account from Keys: whether it is suspended (its tokens refused, none issued)
/// and whether it is an operator account (null until its <see cref="AccountOpened"/> is heard). <see cref="Version"/>
/// is the account stream's version in Keys as of the newest suspension or reinstatement applied, from the durable
/// event or the fast <see cref="AccountStandingSignal"/>: the newer version wins, in the document and in memory.
/// </summary>
public sealed record AccountStanding(Guid Id, bool Suspended, long Version)
{
    public bool? Operator { get; init; }

    /// <summary>Opening says who the account is; it never changes, so it is taken whenever it arrives, and moves no version.</summary>
    public static AccountStanding? Opened(AccountStanding? known, AccountOpened e) =>
        known is null ? new AccountStanding(e.AccountId, false, e.SourceVersion) { Operator = e.Operator }
        : known.Operator == e.Operator ? null
        : known with { Operator = e.Operator };

    /// <summary>A suspension or reinstatement at <paramref name="version"/>; null when it is not newer than what is known.</summary>
    public static AccountStanding? After(AccountStanding? known, Guid accountId, bool suspended, long version) =>
        known is null ? new AccountStanding(accountId, suspended, version)
        : version <= known.Version ? null
        : known with { Suspended = suspended, Version = version };

    /// <summary>Two views of one account (memory and a document): the newer standing, with whatever either knows of its operator.</summary>
    public static AccountStanding Newer(AccountStanding known, AccountStanding incoming) =>
        incoming.Version >= known.Version ? incoming with { Operator = incoming.Operator ?? known.Operator } : known with { Operator = known.Operator ?? incoming.Operator };
}
