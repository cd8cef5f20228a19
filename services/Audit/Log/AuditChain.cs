using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Audit.Log;

/// <summary>
/// The hash chain of one subject: every entry's hash covers its fields and the previous entry's
/// hash, so editing, removing or reordering an entry breaks every later link. docs/audit.md gives
/// the format for offline verification.
/// </summary>
public static class AuditChain
{
    public const string V1 = "audit-v1";

    /// <summary>audit-v1's fields with the event's source version after them, so it cannot be altered unseen either.</summary>
    public const string V2 = "audit-v2";

    /// <summary>The format new entries are sealed in. Note: older entries keep theirs, and verify as they were hashed.</summary>
    public const string Version = V2;

    public static readonly string Genesis = new('0', 64);

    public static bool IsKnown(string format) => format is V1 or V2;

    /// <summary>
    /// Note: each field is a netstring (<c>byte-length:bytes,</c>), so no choice of field content
    /// (an actor holding a separator, say) can make two different entries serialise alike.
    /// </summary>
    public static string Canonical(AuditRecorded e)
    {
        var text = new StringBuilder();
        foreach (var field in Fields(e))
            text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(',');
        return text.ToString();
    }

    public static string HashOf(AuditRecorded e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>The entry placed after <paramref name="previousHash"/> at <paramref name="position"/>, with its hash, in the current format.</summary>
    public static AuditRecorded Seal(AuditRecorded entry, long position, string previousHash)
    {
        var placed = entry with { Format = Version, Position = position, PreviousHash = previousHash, Hash = "" };
        return placed with { Hash = HashOf(placed) };
    }

    public static string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Fields(AuditRecorded e)
    {
        string[] v1 =
        [
            e.Format, e.Position.ToString(CultureInfo.InvariantCulture), e.PreviousHash, e.EventId.ToString("D"),
            e.SubjectType, e.SubjectId.ToString("D"), e.AccountId.ToString("D"), e.EventType, e.Actor, e.Source,
            Instant(e.OccurredAt), Instant(e.RecordedAt), e.TraceId ?? "", e.Data,
        ];
        return e.Format switch
        {
            V1 => v1,
            V2 => [.. v1, e.SourceVersion.ToString(CultureInfo.InvariantCulture)],
            _ => throw new ArgumentException($"unknown audit chain format '{e.Format}'", nameof(e)),
        };
    }
}
