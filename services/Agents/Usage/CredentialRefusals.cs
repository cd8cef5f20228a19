namespace Platform.Agents.Usage;

/// <summary>How a verify about a credential the secret names ended. A malformed or unknown secret names none and is not counted.</summary>
public enum VerifyOutcome { Allowed, ScopeDenied, ToolDenied, ResourceDenied, BudgetSpent, Revoked, Expired, Suspended, WrongAgent }

/// <summary>
/// Refused verifies of a known credential, by reason: what it may not use (403: a scope, a tool, a resource), its
/// spent request budget (429), and its standing (401): revoked (itself, an ancestor or its key), expired (itself,
/// a secret replaced by a refresh past its grace, or its key), suspended (its key or its account), or presented
/// with another agent's <c>X-Agent-ID</c>.
/// </summary>
public sealed record CredentialRefusals(long ScopeDenied, long ToolDenied, long ResourceDenied, long BudgetSpent, long Revoked, long Expired, long Suspended, long WrongAgent)
{
    public static readonly CredentialRefusals None = new(0, 0, 0, 0, 0, 0, 0, 0);

    public long Total => ScopeDenied + ToolDenied + ResourceDenied + BudgetSpent + Revoked + Expired + Suspended + WrongAgent;

    public static CredentialRefusals operator +(CredentialRefusals a, CredentialRefusals b) => new(
        a.ScopeDenied + b.ScopeDenied, a.ToolDenied + b.ToolDenied, a.ResourceDenied + b.ResourceDenied, a.BudgetSpent + b.BudgetSpent,
        a.Revoked + b.Revoked, a.Expired + b.Expired, a.Suspended + b.Suspended, a.WrongAgent + b.WrongAgent);

    public static CredentialRefusals Sum(IEnumerable<CredentialRefusals> all) => all.Aggregate(None, (sum, r) => sum + r);
}
