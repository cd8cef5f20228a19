using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Platform.Contracts.Tokens;
using Wolverine;

namespace Platform.Tokens.Signing;

/// <summary>Create the next signing key when it is due, retire keys whose last token has expired.</summary>
public sealed record RotateSigningKeys;

public static class RotateSigningKeysHandler
{
    private const string Actor = "system:signing-key-rotation";

    public static async Task<OutgoingMessages> Handle(RotateSigningKeys _, IDocumentSession session, SigningKeyRing ring, TimeProvider clock, IOptions<TokensOptions> options, CancellationToken ct)
    {
        var keys = await session.Query<SigningKey>().ToListAsync(ct);
        var now = clock.GetUtcNow();
        var plan = Plan(keys, now, options.Value);
        OutgoingMessages messages = [];
        if (plan.NextActivatesAt is { } activatesAt)
        {
            var generation = keys.Count == 0 ? 1 : keys.Max(k => k.Generation) + 1;
            var (publicKey, privateKey, kid) = ring.CreateKeyMaterial();
            var created = new SigningKeyCreated(SigningKey.StreamId(generation), generation, kid, SigningKeyRing.Algorithm, publicKey, privateKey, activatesAt, now);
            // StartStream on a fixed id: a replica racing us makes this save fail, and its key stands.
            session.Events.StartStream<SigningKey>(created.SigningKeyId, created);
            messages.Add(new SigningKeyPublished(Guid.CreateVersion7(), created.SigningKeyId, kid, created.Algorithm, activatesAt, Actor, now) { SourceVersion = 1 });
        }
        foreach (var retiring in plan.Retire)
        {
            session.Events.Append(retiring.Id, retiring.Version + 1, new SigningKeyRetired(retiring.Id, now));
            messages.Add(new SigningKeyWithdrawn(Guid.CreateVersion7(), retiring.Id, retiring.Kid, Actor, now) { SourceVersion = retiring.Version + 1 });
        }
        return messages;
    }

    public sealed record RotationPlan(DateTimeOffset? NextActivatesAt, IReadOnlyList<(Guid Id, string Kid, long Version)> Retire);

    /// <summary>
    /// The pure decision. The first key signs at once; each next key is published
    /// <see cref="SigningOptions.PublishAhead"/> before it signs; a key is withdrawn once a successor has
    /// signed for longer than any access token lives (plus clock skew), so no live token loses its key.
    /// </summary>
    public static RotationPlan Plan(IReadOnlyList<SigningKey> keys, DateTimeOffset now, TokensOptions options)
    {
        var newest = keys.MaxBy(k => k.Generation);
        DateTimeOffset? next = newest switch
        {
            null => now,
            _ when now >= newest.ActivatesAt + options.Signing.RotationInterval - options.Signing.PublishAhead =>
                Max(now + options.Signing.PublishAhead, newest.ActivatesAt + options.Signing.RotationInterval),
            _ => null,
        };
        var retire = keys.Where(k => k.RetiredAt is null)
            .Where(k => keys.Any(s => s.Generation > k.Generation && s.ActivatesAt + options.AccessTokenLifetime + options.ClockSkew <= now))
            .Select(k => (k.Id, k.Kid, Version: 1L)).ToList();
        return new RotationPlan(next, retire);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
