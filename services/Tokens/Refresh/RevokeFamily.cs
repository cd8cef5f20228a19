using Marten;
using Platform.Tokens.State;
using Wolverine;

namespace Platform.Tokens.Refresh;

/// <summary>
/// Ends a refresh family: its refresh tokens stop at once, and so do the access tokens it issued (their
/// <c>fid</c>), on this replica before the caller hears of it and on the others when notified.
/// </summary>
public static class RevokeFamily
{
    public static async Task RevokeAsync(Guid familyId, string reason, string actor, IDocumentSession session, IMessageBus bus, Denylist denylist,
        DateTimeOffset now, CancellationToken ct)
    {
        if (familyId == Guid.Empty) return; // no family has it, and Marten refuses it as a stream id
        var stream = await session.Events.FetchForWriting<RefreshFamily>(familyId, ct);
        if (stream.Aggregate is not { } family) return;
        if (family.RevokedAt is null)
        {
            stream.AppendOne(new FamilyRevoked(familyId, reason, actor, now));
            await bus.PublishAsync(new Contracts.Tokens.RefreshFamilyRevoked(Guid.CreateVersion7(), familyId, family.AccountId, reason, actor, now)
                { SourceVersion = family.Version + 1 });
            await session.SaveChangesAsync(ct);
        }
        // Committed: applied here now, not when this replica's own notification comes back.
        denylist.SetFamily(familyId, family.RevokedAt ?? now);
    }
}
