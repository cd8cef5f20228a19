using Platform.Sdk.Client.Keys;

namespace Platform.Sdk.Client.Accounts;

/// <summary>
/// An account: a team the platform serves, whose keys, clients, agents and people are its own.
/// <see cref="Operator"/> marks the platform's own account, whose credentials manage the others.
/// <see cref="Version"/> is what to send back as the expected version.
/// </summary>
public sealed record AccountView(Guid Id, string Name, bool Operator, string Status, string? SuspensionReason, DateTimeOffset CreatedAt, long Version);

/// <summary>A newly opened account and its first admin key (keys:manage), whose secret this answer alone holds.</summary>
public sealed record OpenedAccount(AccountView Account, IssuedKey AdminKey)
{
    // Note: IssuedKey leaves its secret out of ToString; this says so explicitly rather than relying on nesting.
    public override string ToString() => $"OpenedAccount {{ Account = {Account}, AdminKey = {AdminKey} }}";
}

public sealed record AccountPage(IReadOnlyList<AccountView> Items, Guid? Next);

/// <summary>Filters for listing accounts; null means no filter.</summary>
public sealed record AccountListQuery(string? Status = null, int? PageSize = null);

public static class AccountStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
}
