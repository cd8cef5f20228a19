namespace Platform.Keys.Usage;

/// <summary>How a verification of a key the secret names ended. A malformed or unknown secret names no key and is not counted.</summary>
public enum VerifyOutcome { Allowed, RateLimited, ScopeDenied, Revoked, Suspended, Expired }

/// <summary>
/// Refused verifications of a known key, by reason: its rate limit (429), a scope it lacks (403), and its
/// standing (401: revoked, suspended, quarantined or suspended with its account alike, expired).
/// </summary>
public sealed record KeyRefusals(long RateLimited, long ScopeDenied, long Revoked, long Suspended, long Expired)
{
    public static readonly KeyRefusals None = new(0, 0, 0, 0, 0);

    public long Total => RateLimited + ScopeDenied + Revoked + Suspended + Expired;

    public static KeyRefusals operator +(KeyRefusals a, KeyRefusals b) =>
        new(a.RateLimited + b.RateLimited, a.ScopeDenied + b.ScopeDenied, a.Revoked + b.Revoked, a.Suspended + b.Suspended, a.Expired + b.Expired);

    public static KeyRefusals Sum(IEnumerable<KeyRefusals> all) => all.Aggregate(None, (sum, r) => sum + r);
}
