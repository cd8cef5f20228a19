using Platform.Infrastructure.Persistence;

namespace Platform.Tokens.Refresh;

/// <summary>A family's end decided: the append and announcement to commit (none when it had ended already) and the time it ended.</summary>
public sealed record FamilyEnding(Guid FamilyId, DateTimeOffset RevokedAt, Fanout Writes);

/// <summary>
/// Ends a refresh family: its refresh tokens stop at once, and so do the access tokens it issued (their
/// <c>fid</c>), on this replica before the caller hears of it (<see cref="Protocol.AfterCommit{TAnswer}"/>) and on the others when notified.
/// </summary>
public static class RevokeFamily
{
    /// <summary>
    /// The pure decision. A live family's revocation is appended at the version read, so a rotation that raced it
    /// fails the commit rather than live on; an ended family stays as it is, still refused here.
    /// </summary>
    public static FamilyEnding? Decide(RefreshFamily? family, string reason, string actor, DateTimeOffset now)
    {
        if (family is null) return null;
        if (family.RevokedAt is { } ended) return new(family.Id, ended, Fanout.Empty);
        var writes = Fanout.Empty;
        writes.Add(new AppendTo<RefreshFamily>(family.Id, family.Version, new FamilyRevoked(family.Id, reason, actor, now)),
            new Contracts.Tokens.RefreshFamilyRevoked(Guid.CreateVersion7(), family.Id, family.AccountId, reason, actor, now) { SourceVersion = family.Version + 1 });
        return new(family.Id, now, writes);
    }
}
