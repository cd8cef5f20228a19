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

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        [ChatCompletions, ModelsRead, UsageRead, KeysManage, InsightsRead, PlansRead, Admin, FeedsRead], StringComparer.Ordinal);
}
