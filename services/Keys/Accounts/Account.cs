namespace Platform.Keys.Accounts;

public enum AccountStatus { Active, Suspended }

/// <summary>
/// Who keys belong to: a team the platform serves. Every management call acts within the caller's account.
/// Folded from the account's stream (opened, suspended, reinstated), so auditors can replay who stopped a team and when.
/// </summary>
/// <remarks><see cref="Operator"/>: the platform's own account (made by the bootstrap), whose credentials may open and suspend others.</remarks>
public sealed record Account(Guid Id, string Name, DateTimeOffset CreatedAt)
{
    /// <summary>The stream version the snapshot reflects (set by Marten).</summary>
    public long Version { get; init; }

    public bool Operator { get; init; }

    public AccountStatus Status { get; init; }

    public string? SuspensionReason { get; init; }

    public static Account Create(AccountWasOpened e) => new(e.AccountId, e.Name, e.OpenedAt) { Operator = e.Operator };

    public Account Apply(AccountWasSuspended e) => this with { Status = AccountStatus.Suspended, SuspensionReason = e.Reason };

    public Account Apply(AccountWasReinstated e) => this with { Status = AccountStatus.Active, SuspensionReason = null };
}
