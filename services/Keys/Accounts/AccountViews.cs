using Microsoft.Net.Http.Headers;
using Platform.Keys.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Keys.Accounts;

public sealed record AccountView(Guid Id, string Name, bool Operator, string Status, string? SuspensionReason, DateTimeOffset CreatedAt, long Version);

/// <summary>A newly opened account and its first admin key, whose secret this response alone ever shows.</summary>
public sealed record OpenedAccount(AccountView Account, IssuedKey AdminKey);

public static class AccountViews
{
    public static AccountView View(Account account) => new(
        account.Id, account.Name, account.Operator, account.Status.ToString().ToLowerInvariant(), account.SuspensionReason, account.CreatedAt, account.Version);

    public static Ok<AccountView> Ok(HttpContext http, Account account)
    {
        http.Response.Headers[HeaderNames.ETag] = ExpectedVersion.Tag(account.Version);
        return TypedResults.Ok(View(account));
    }
}
