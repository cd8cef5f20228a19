namespace Platform.Agents.Accounts;

/// <summary>
/// Whether an account stands or is suspended, as Keys last said: <see cref="Version"/> is the account stream's
/// version in Keys as of that change, from the durable event or the fast signal, whichever came first. The
/// newer version wins, so a late or redelivered change never undoes a newer one (a reinstatement handled
/// before the suspension it ends leaves the account standing).
/// </summary>
public sealed record AccountStanding(Guid Id, bool Suspended, long Version)
{
    public const string VerifyRefusal = "agent credential's account is suspended";
    public const string MintRefusal = "the account is suspended: no agent credentials are minted for it";

    public static AccountStanding Unknown(Guid accountId) => new(accountId, false, 0);

    /// <summary>The standing after a change of <paramref name="version"/>; the same record when that is not newer.</summary>
    public AccountStanding With(bool suspended, long version) =>
        version > Version ? this with { Suspended = suspended, Version = version } : this;
}
