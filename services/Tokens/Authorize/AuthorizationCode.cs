namespace Platform.Tokens.Authorize;

/// <summary>
/// A one-time code (RFC 6749 §4.1.2), stored by the hash of its value, expiring within a minute.
/// Redeeming sets <see cref="RedeemedAt"/> under optimistic concurrency, so two racing redemptions
/// cannot both succeed; a second use revokes what the first one issued.
/// </summary>
public sealed record AuthorizationCode(
    string Id, Guid ClientId, Guid AccountId, Guid UserId, string RedirectUri, string[] Scopes,
    string? CodeChallenge, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public const string Prefix = "ac_";

    public DateTimeOffset? RedeemedAt { get; init; }

    /// <summary>RFC 8707: the resource named at authorization; the tokens it gives are for that audience only.</summary>
    public string? Resource { get; init; }

    /// <summary>The refresh family the redemption started, ended if the code is presented again.</summary>
    public Guid? FamilyId { get; init; }
}
