using Marten;
using Microsoft.AspNetCore.Http.Metadata;
using Platform.Infrastructure.Persistence;
using Platform.Tokens.Protocol;
using Platform.Tokens.State;

namespace Platform.Tokens.Refresh;

/// <summary>
/// A person's sign-ins: the refresh families whose subject is their user id. Note: a family is an inline snapshot,
/// a document Marten updates with every append (TokensModule), so a person's families are one query by subject,
/// on the index TokensModule puts on it; no projection of its own is needed.
/// </summary>
public static class SignIns
{
    /// <summary>Every family of the person neither revoked nor past its absolute end: what ends with a removal or a password change.</summary>
    public static async Task<IReadOnlyList<RefreshFamily>> OpenAsync(IQuerySession session, Guid userId, Guid accountId, DateTimeOffset now, CancellationToken ct)
    {
        var subject = userId.ToString();
        return await session.Query<RefreshFamily>()
            .Where(f => f.Subject == subject && f.AccountId == accountId && f.RevokedAt == null && f.ExpiresAt > now).ToListAsync(ct);
    }

    /// <summary>Whether its refresh token still works: not revoked, before its absolute end and before its idle end.</summary>
    public static bool IsLive(RefreshFamily family, DateTimeOffset now, RefreshOptions options) =>
        family.RevokedAt is null && now < EndsAt(family, options);

    /// <summary>When it ends unless refreshed again: its absolute end, or its idle end if that comes first.</summary>
    public static DateTimeOffset EndsAt(RefreshFamily family, RefreshOptions options) =>
        family.LastRotatedAt + options.IdleLifetime < family.ExpiresAt ? family.LastRotatedAt + options.IdleLifetime : family.ExpiresAt;

    /// <summary>
    /// The pure decision: every family but <paramref name="keep"/> ends, each as <see cref="RevokeFamily.Decide"/> ends one
    /// (its append at the version read, so a refresh racing it fails one of the two commits, and its announcement).
    /// </summary>
    public static SignInsEnded End(IEnumerable<RefreshFamily> families, Guid? keep, string reason, string actor, DateTimeOffset now)
    {
        var endings = families.Where(f => f.Id != keep).Select(f => RevokeFamily.Decide(f, reason, actor, now)!).ToList();
        var writes = Fanout.Empty;
        foreach (var ending in endings)
        {
            writes.Appends.AddRange(ending.Writes.Appends);
            writes.Announcements.AddRange(ending.Writes.Announcements);
        }
        return new SignInsEnded(endings, writes);
    }
}

/// <summary>The families a decision ended, and the writes that end them.</summary>
public sealed record SignInsEnded(IReadOnlyList<FamilyEnding> Endings, Fanout Writes)
{
    /// <summary>The answer, written once the commit holds here: the ended families' access tokens are refused on this replica first.</summary>
    public AfterCommit<TAnswer> After<TAnswer>(TAnswer answer, Denylist denylist) where TAnswer : IResult, IEndpointMetadataProvider => new(() =>
    {
        foreach (var ending in Endings) denylist.SetFamily(ending.FamilyId, ending.RevokedAt);
    }, answer);
}
