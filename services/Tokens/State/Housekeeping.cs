using Marten;
using Platform.Tokens.Authorize;
using Platform.Tokens.Introspection;
using Platform.Tokens.Registration;
using Wolverine;

namespace Platform.Tokens.State;

/// <summary>
/// Deletes what can never matter again: authorization codes an hour after they expired (kept that long
/// so a late replay still finds its redeemed code and revokes what it issued) and revoked access tokens
/// past their <c>exp</c>; and disables self-registered clients never used. Every replica may run it:
/// deleting twice is harmless, and a concurrent disable of one client fails one side's transaction.
/// </summary>
public sealed class Housekeeping(IServiceProvider services, IDocumentStore store, Denylist denylist, TimeProvider clock, ILogger<Housekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan CodeRetention = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await SweepAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Sweeping expired codes and revoked tokens failed; trying again in {Interval}", Interval);
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var codesBefore = now - CodeRetention;
        await using var session = store.LightweightSession();
        session.DeleteWhere<AuthorizationCode>(c => c.ExpiresAt < codesBefore);
        session.DeleteWhere<RevokedAccessToken>(t => t.ExpiresAt < now);
        await session.SaveChangesAsync(ct);
        denylist.ForgetExpiredTokens(now);
        // Through Wolverine, so each disabled registration is announced through the outbox.
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new ExpireUnusedRegistrations(), ct);
    }
}
