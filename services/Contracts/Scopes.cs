namespace Platform.Contracts;

/// <summary>The permission scopes the seed documents name; the catalogue every credential draws from.</summary>
public static class Scopes
{
    public const string ChatCompletions = "chat:completions";
    public const string ModelsRead = "models:read";
    public const string UsageRead = "usage:read";
    public const string KeysManage = "keys:manage";
    public const string InsightsRead = "insights:read";
    public const string PlansRead = "plans:read";
    public const string Admin = "admin";

    /// <summary>Subscribe to the revocation feeds (ids only): what a resource server's own key needs, and nothing more.</summary>
    public const string FeedsRead = "feeds:read";

    /// <summary>Read the audit log (entries, verify, export, as-of) and nothing else: the auditor's role.</summary>
    public const string AuditRead = "audit:read";

    /// <summary>
    /// Open, list, suspend and reinstate accounts, and read every account's audit log: the operator's role.
    /// Held only by credentials of an operator account; <see cref="Admin"/> does not cover it.
    /// </summary>
    public const string AccountsManage = "accounts:manage";

    /// <summary>Scopes a team's own <see cref="Admin"/> does not hold, and only an operator account may grant.</summary>
    public static readonly IReadOnlySet<string> OperatorOnly = new HashSet<string>([AccountsManage], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        [ChatCompletions, ModelsRead, UsageRead, KeysManage, InsightsRead, PlansRead, Admin, FeedsRead, AuditRead, AccountsManage], StringComparer.Ordinal);

    /// <summary>Whether <paramref name="held"/> covers <paramref name="scope"/>: <c>admin</c> holds every scope of the catalogue but the operator's.</summary>
    public static bool Covers(IEnumerable<string> held, string scope) => held.Contains(scope) || (held.Contains(Admin) && !OperatorOnly.Contains(scope));

    /// <summary>What each scope allows, in words a person choosing scopes for a key can act on.</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ChatCompletions] = "Create chat completions",
        [ModelsRead] = "List the available models",
        [UsageRead] = "Read usage figures",
        [InsightsRead] = "Read P&L summaries and other insights",
        [PlansRead] = "Read plans",
        [FeedsRead] = "Follow the revocation feeds (for resource servers)",
        [AuditRead] = "Read the audit log, verify it and export it (auditors)",
        [AccountsManage] = "Open, suspend and reinstate accounts, read every account's audit log (operators only)",
        [KeysManage] = "Manage keys, OAuth clients, agent credentials, webhooks and the audit log",
        [Admin] = "Everything in the account, including every scope above but accounts:manage",
    };
}
