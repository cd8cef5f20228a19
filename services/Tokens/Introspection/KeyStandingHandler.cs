using Platform.Contracts.Keys;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Platform.Tokens.Introspection;

/// <summary>
/// Keeps tokens exchanged for an API key within the key: Keys announces every change of its authority
/// here (durable queue). Redelivery and reordering are harmless: <see cref="KeyStanding"/> only moves forward,
/// and a revoked or expired key never comes back. The standing has optimistic concurrency (TokensModule): of two
/// events about one key handled at once, the loser is retried, reads again and decides again.
/// </summary>
public static class KeyStandingHandler
{
    public static IMartenOp Handle(KeyRevoked e, [Entity(nameof(KeyRevoked.KeyId), Required = false)] KeyStanding? stored) => Follow(stored, e);

    public static IMartenOp Handle(KeyExpired e, [Entity(nameof(KeyExpired.KeyId), Required = false)] KeyStanding? stored) => Follow(stored, e);

    public static IMartenOp Handle(KeySuspended e, [Entity(nameof(KeySuspended.KeyId), Required = false)] KeyStanding? stored) => Follow(stored, e);

    public static IMartenOp Handle(KeyReinstated e, [Entity(nameof(KeyReinstated.KeyId), Required = false)] KeyStanding? stored) => Follow(stored, e);

    public static IMartenOp Handle(KeyScopesChanged e, [Entity(nameof(KeyScopesChanged.KeyId), Required = false)] KeyStanding? stored) => Follow(stored, e);

    private static IMartenOp Follow(KeyStanding? stored, IKeyAuthorityChanged e) => KeyStanding.After(stored, e) switch
    {
        null => MartenOps.Nothing(),
        { } next when stored is null => MartenOps.Insert(next),
        { } next => MartenOps.Update(next),
    };
}
