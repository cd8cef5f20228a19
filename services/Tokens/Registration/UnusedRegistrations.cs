using Marten;
using Microsoft.Extensions.Options;
using Platform.Contracts.Tokens;
using Platform.Tokens.Clients;
using Platform.Infrastructure.Persistence;
using Wolverine;
using Wolverine.Marten;

namespace Platform.Tokens.Registration;

/// <summary>A self-registered client redeemed a code: it is in use and no longer expires unused.</summary>
public sealed record MarkRegistrationUsed(Guid ClientId, DateTimeOffset UsedAt);

/// <summary>Disable self-registered clients that never redeemed a code within their unused lifetime.</summary>
public sealed record ExpireUnusedRegistrations;

public static class MarkRegistrationUsedHandler
{
    /// <summary>Idempotent: only the first use is recorded.</summary>
    public static Events Handle(MarkRegistrationUsed command, [WriteAggregate(nameof(MarkRegistrationUsed.ClientId), Required = false)] OAuthClient? client) =>
        client is { Dynamic: true, FirstUsedAt: null } ? [new OAuthClientFirstUsed(command.ClientId, command.UsedAt)] : [];
}

/// <remarks>A class of its own: its Load step would run before every handler in the class.</remarks>
public static class ExpireUnusedRegistrationsHandler
{
    private const string Actor = "system:registration-expiry";

    public static Task<IReadOnlyList<OAuthClient>> LoadAsync(ExpireUnusedRegistrations _, IDocumentSession session, IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var before = clock.GetUtcNow() - options.Value.Registration.UnusedLifetime;
        return session.Query<OAuthClient>()
            .Where(c => c.Dynamic && c.FirstUsedAt == null && c.Status == ClientStatus.Active && c.CreatedAt < before).Take(500).ToListAsync(ct);
    }

    /// <summary>Each client disabled in its own stream, at the version read (a client changed meanwhile fails the sweep, which runs again).</summary>
    public static (OutgoingMessages, IEnumerable<IMartenOp>) Handle(ExpireUnusedRegistrations _, IReadOnlyList<OAuthClient> unused, TimeProvider clock)
    {
        const string reason = "unused dynamic registration expired";
        var now = clock.GetUtcNow();
        var fanout = Fanout.Empty;
        foreach (var client in unused)
        {
            var disabled = new OAuthClientDisabled(client.Id, reason, Actor, now);
            fanout.Add(new AppendTo<OAuthClient>(client.Id, client.Version, disabled), ClientAnnouncements.For(client, disabled));
        }
        return fanout.Effects;
    }
}
