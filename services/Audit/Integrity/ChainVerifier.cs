using Platform.Audit.Log;

namespace Platform.Audit.Integrity;

/// <summary>The first link that does not hold: where, and why.</summary>
public sealed record BrokenLink(Guid SubjectId, long Position, Guid? EventId, string Reason);

/// <summary>The chain head of a subject: keep it, and a later verification proves nothing before it changed.</summary>
public sealed record ChainHead(Guid SubjectId, long Length, string HeadHash);

/// <summary>Re-derives every hash of a subject's chain from its stored entries (pure).</summary>
public static class ChainVerifier
{
    /// <param name="subjectId">The stream the entries were read from.</param>
    /// <param name="entries">The stream's events in stream-version order, with their versions.</param>
    public static (ChainHead Head, BrokenLink? Broken) Verify(Guid subjectId, IEnumerable<(long Version, AuditRecorded Entry)> entries)
    {
        var previous = AuditChain.Genesis;
        long expected = 0;
        foreach (var (version, e) in entries)
        {
            expected++;
            var broken =
                version != expected ? $"entry {expected} is missing" :
                e.Position != expected ? $"entry claims position {e.Position}" :
                e.SubjectId != subjectId ? "entry belongs to another subject" :
                e.PreviousHash != previous ? "previous hash does not match the preceding entry" :
                !AuditChain.IsKnown(e.Format) ? $"entry has an unknown format '{e.Format}'" :
                // Note: audit-v1 does not hash the source version, so one there could have been added unseen.
                e.Format == AuditChain.V1 && e.SourceVersion != 0 ? "an audit-v1 entry cannot carry a source version" :
                AuditChain.HashOf(e) != e.Hash ? "entry content does not match its hash" :
                null;
            if (broken is not null) return (new(subjectId, expected - 1, previous), new(subjectId, expected, e.EventId, broken));
            previous = e.Hash;
        }
        return (new(subjectId, expected, previous), null);
    }
}
