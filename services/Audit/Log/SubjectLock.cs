using System.Buffers.Binary;
using Marten;

namespace Platform.Audit.Log;

/// <summary>
/// Writers of one subject take turns, across handlers and replicas: a PostgreSQL advisory lock keyed from
/// the subject id, held until the recording transaction ends. A burst on one subject then queues here
/// instead of racing on the stream version until retries run out; other subjects record in parallel.
/// </summary>
/// <remarks>
/// Note: an advisory lock needs no row, so it also serialises the writers of a subject whose stream does
/// not exist yet (a row lock, as Marten's exclusive fetch takes on the stream, would not).
/// </remarks>
public static class SubjectLock
{
    /// <summary>
    /// Note: the two-key form of the lock, under this first key ("AUDT"), never meets the single 64-bit keys
    /// Marten and Wolverine lock with; two subjects sharing a second key only take turns.
    /// </summary>
    public const int Namespace = 0x41554454;

    public static async Task TakeAsync(IDocumentSession session, Guid subjectId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?, ?)", ct, Namespace, KeyOf(subjectId));
    }

    /// <summary>The subject id's 128 bits folded to 32, the same in every process.</summary>
    public static int KeyOf(Guid subjectId)
    {
        Span<byte> bytes = stackalloc byte[16];
        subjectId.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[4..])
            ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
    }
}
