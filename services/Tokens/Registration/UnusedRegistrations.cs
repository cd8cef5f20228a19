using Marten;
using Microsoft.Extensions.Options;
using Platform.Contracts.Tokens;
using Platform.Tokens.Clients;
using Wolverine;

namespace Platform.Tokens.Registration;

/// <summary>A self-registered client redeemed a code: it is in use and no longer expires unused.</summary>
public sealed record MarkRegistrationUsed(Guid ClientId, DateTimeOffset UsedAt);

/// <summary>Disable self-registered clients that never redeemed a code within their unused lifetime.</summary>
public sealed record ExpireUnusedRegistrations;

public static class UnusedRegistrationsHandler
{
    private const string Actor = "system:registration-expiry";

    /// <summary>Idempotent: only the first use is recorded.</summary>
    public static async Task Handle(MarkRegistrationUsed command, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<OAuthClient>(command.ClientId, ct);
        if (stream.Aggregate is { Dynamic: true, FirstUsedAt: null }) stream.AppendOne(new OAuthClientFirstUsed(command.ClientId, command.UsedAt));
    }

    public static async Task<OutgoingMessages> Handle(ExpireUnusedRegistrations _, IDocumentSession session, IOptions<TokensOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now - options.Value.Registration.UnusedLifetime;
        var unused = await session.Query<OAuthClient>()
            .Where(c => c.Dynamic && c.FirstUsedAt == null && c.Status == ClientStatus.Active && c.CreatedAt < before).Take(500).ToListAsync(ct);
        OutgoingMessages messages = [];
        foreach (var client in unused)
        {
            const string reason = "unused dynamic registration expired";
            var disabled = new OAuthClientDisabled(client.Id, reason, Actor, now);
            session.Events.Append(client.Id, client.Version + 1, disabled);
            messages.Add(ClientAnnouncements.For(client, disabled));
        }
        return messages;
    }
}
