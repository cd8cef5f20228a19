using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.Options;
using Wolverine.Marten;

namespace Platform.Keys.ApiKeys;

/// <summary>How far the rotation-due sweep has looked: every key created up to <see cref="CreatedUpTo"/> was considered.</summary>
public sealed class RotationSweepMark
{
    public const string TheOne = "rotation-due";

    public string Id { get; set; } = TheOne;
    public DateTimeOffset CreatedUpTo { get; set; } = DateTimeOffset.MinValue;
}

/// <summary>
/// Finds the keys that reach the policy's age, in the order they were created, a page at a time, every
/// <see cref="RotationPolicyOptions.SweepInterval"/>, and sends each a <see cref="MarkRotationDue"/>. Note: this replaced
/// a message scheduled per key for 90 days; those waited in Wolverine's inbox table, which every poll of the service's
/// queue reads whole (its pop looks rows up by receiving address, unindexed), so each of some 20 polls a second slowed
/// as keys accumulated (1.7 ms at 5,000 keys). A page's messages and the mark's move commit together (the outbox), and
/// the mark is written under optimistic concurrency: of replicas sweeping at once, one sends a page, the others' commits
/// fail and send nothing. The decision itself is idempotent besides.
/// </summary>
public sealed class RotationDueSweep(IServiceScopeFactory scopes, IOptions<RotationPolicyOptions> policy, TimeProvider clock,
    ILogger<RotationDueSweep> logger) : BackgroundService
{
    public const int Page = 500;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(policy.Value.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                while (await SweepPageAsync(ct) == Page) { }
            }
            catch (Exception e) when (e is ConcurrencyException or DocumentAlreadyExistsException)
            {
                // Another replica moved the mark meanwhile: it sent this page.
            }
            // Whatever else went wrong (the database away, a timeout), the service goes on: the next sweep starts at the mark.
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("The rotation-due sweep failed ({Reason}); the next one starts where it stopped", e.Message);
            }
        }
    }

    /// <summary>One page of keys past the policy's age since the mark; returns how many it held.</summary>
    public async Task<int> SweepPageAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession();
        var outbox = scope.ServiceProvider.GetRequiredService<IMartenOutbox>();
        outbox.Enroll(session);

        var mark = await session.LoadAsync<RotationSweepMark>(RotationSweepMark.TheOne, ct) ?? new RotationSweepMark();
        var cutoff = clock.GetUtcNow() - policy.Value.MaxAge;
        if (mark.CreatedUpTo >= cutoff) return 0;

        var from = mark.CreatedUpTo;
        var due = await session.Query<ApiKey>()
            .Where(k => k.CreatedAt > from && k.CreatedAt <= cutoff && !k.RotationDue && k.SuccessorId == null
                && (k.Status == KeyStatus.Active || k.Status == KeyStatus.Suspended))
            .OrderBy(k => k.CreatedAt).Take(Page)
            .Select(k => new DueKey(k.Id, k.CreatedAt))
            .ToListAsync(ct);
        foreach (var key in due) await outbox.PublishAsync(new MarkRotationDue(key.Id));

        // A shorter page has seen everything up to the cutoff. A full one ends just before its last instant, so a key created
        // in that same instant but beyond the page is not passed over (the page's last is sent again: its decision is
        // idempotent), unless the whole page is one instant, which must move on.
        mark.CreatedUpTo = due.Count < Page ? cutoff
            : due[0].CreatedAt == due[^1].CreatedAt ? due[^1].CreatedAt : due[^1].CreatedAt.AddTicks(-1);
        session.Store(mark);
        await session.SaveChangesAsync(ct);
        return due.Count;
    }

    private sealed record DueKey(Guid Id, DateTimeOffset CreatedAt);
}
