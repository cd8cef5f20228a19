using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Platform.Tokens.Users;

namespace Platform.Tokens.Authorize;

/// <summary>
/// What the change-password form carries between the right password and the new one: the user and their stamp,
/// protected with Data Protection (shared by replicas) and good for ten minutes. Choosing the new password changes
/// the stamp, so a ticket works once; nobody is signed in until then.
/// </summary>
public sealed class PasswordTicket(IDataProtectionProvider provider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Platform.Tokens.Authorize.PasswordTicket").ToTimeLimitedDataProtector();

    public string Issue(AccountUser user) => _protector.Protect($"{user.Id:N}:{user.SecurityStamp}", Lifetime);

    /// <summary>The user id and stamp a genuine, unexpired ticket names; null for anything else.</summary>
    public (Guid UserId, string Stamp)? Read(string ticket)
    {
        string text;
        try
        {
            text = _protector.Unprotect(ticket);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
        var separator = text.IndexOf(':');
        return separator > 0 && Guid.TryParseExact(text.AsSpan(0, separator), "N", out var userId) ? (userId, text[(separator + 1)..]) : null;
    }

    /// <summary>Whether the ticket still holds for <paramref name="user"/>: same stamp, and a new password still required.</summary>
    public static bool Holds((Guid UserId, string Stamp) ticket, AccountUser user) =>
        user.MustChangePassword && user.Id == ticket.UserId && user.SecurityStamp == ticket.Stamp;
}
