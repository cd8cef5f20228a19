namespace Platform.Agents.Credentials;

/// <summary>Section "Agents": how long credentials live and how deep they may be narrowed.</summary>
public sealed class AgentsOptions
{
    public const string Section = "Agents";

    /// <summary>Lifetime when the request names none (the seed: one hour).</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>No credential, nor a refresh of one, lives longer than this from the moment it is minted.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A credential minted from a key has depth 1; each restriction adds one, up to this.</summary>
    public int MaxDepth { get; set; } = 3;

    /// <summary>How long the previous secret keeps working after a refresh, for requests already in flight.</summary>
    public TimeSpan RefreshGrace { get; set; } = TimeSpan.FromSeconds(30);
}
