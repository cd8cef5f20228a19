using System.Text.Json;

namespace Platform.Contracts.Accounts;

/// <summary>
/// The fast path of <see cref="AccountSuspended"/> and <see cref="AccountReinstated"/>: a PostgreSQL
/// <c>NOTIFY</c> on <see cref="Channel"/> sent in the transaction that changes the account's standing,
/// delivered on commit to every listening replica. Producer: Keys. Consumers: Tokens (its denylist and the
/// feed resource servers and the other services follow) and Keys' own replicas.
/// </summary>
/// <remarks>
/// A signal can be missed (a listener reconnecting); the queued event cannot. Both carry the account
/// stream's <see cref="Version"/>, so neither undoes a newer change.
/// </remarks>
public sealed record AccountStandingSignal(Guid AccountId, long Version, bool Suspended)
{
    public const string Channel = "account_standing";

    public string ToPayload() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    /// <summary>The signal in a payload, or null for one that is not a signal.</summary>
    public static AccountStandingSignal? FromPayload(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<AccountStandingSignal>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
