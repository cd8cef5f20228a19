using System.Collections.Frozen;
using Platform.Audit.Log;
using Platform.Contracts;

namespace Platform.Audit.Integrity;

/// <summary>
/// Whether a subject's log holds each event of its source streams once (pure): no source version twice
/// and, for subjects whose producer announces every stream event, none missing up to the highest recorded.
/// Entries without a source version (0) take no part.
/// </summary>
public static class SourceCompleteness
{
    /// <summary>
    /// Subjects whose producer announces every event of the subject's stream, so their source versions must
    /// run 1, 2, 3… without a gap: Keys announces each key and account stream event, Agents each credential stream event.
    /// Note: Tokens does not announce some events of its streams (a client's first use, a seeded client's
    /// reconfiguration, refresh rotations), so its subjects are checked for duplicates only.
    /// </summary>
    public static readonly FrozenSet<string> FullyAnnounced = new[] { AuditSubjects.Key, AuditSubjects.Account, AuditSubjects.AgentCredential }.ToFrozenSet();

    /// <summary>The subject's first duplicate or gap (by position), or null; <paramref name="entries"/> in position order.</summary>
    public static BrokenLink? Check(Guid subjectId, IEnumerable<AuditRecorded> entries) =>
        entries.Where(e => e.SourceVersion > 0).GroupBy(e => e.Source)
            .SelectMany(source => new[] { Duplicate(subjectId, source), FullyAnnounced.Contains(source.First().SubjectType) ? Gap(subjectId, source) : null })
            .Where(b => b is not null).MinBy(b => b!.Position);

    private static BrokenLink? Duplicate(Guid subjectId, IEnumerable<AuditRecorded> source)
    {
        var seen = new Dictionary<long, long>();
        foreach (var e in source)
            if (!seen.TryAdd(e.SourceVersion, e.Position))
                return new(subjectId, e.Position, e.EventId, $"source version {e.SourceVersion} of this {Noun(e.SubjectType)} is recorded twice (first at position {seen[e.SourceVersion]})");
        return null;
    }

    /// <summary>The lowest missing version, named at the entry that holds the next version recorded.</summary>
    private static BrokenLink? Gap(Guid subjectId, IEnumerable<AuditRecorded> source)
    {
        long expected = 1;
        foreach (var e in source.DistinctBy(e => e.SourceVersion).OrderBy(e => e.SourceVersion))
        {
            if (e.SourceVersion > expected)
                return new(subjectId, e.Position, e.EventId, $"source version {expected} of this {Noun(e.SubjectType)} is missing");
            expected = e.SourceVersion + 1;
        }
        return null;
    }

    private static string Noun(string subjectType) =>
        subjectType == AuditSubjects.AgentCredential ? "agent credential" : subjectType.Replace('-', ' ');
}
