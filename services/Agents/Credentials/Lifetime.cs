namespace Platform.Agents.Credentials;

public static class Lifetime
{
    /// <summary>
    /// When a credential minted or refreshed <paramref name="now"/> ends: the lifetime asked for (or the
    /// default), capped by the configured maximum and by every expiry it derives from (key, parent).
    /// </summary>
    public static DateTimeOffset End(DateTimeOffset now, int? requestedSeconds, AgentsOptions options, params DateTimeOffset?[] caps)
    {
        var wanted = requestedSeconds is { } s ? TimeSpan.FromSeconds(s) : options.DefaultLifetime;
        var end = now + (wanted < options.MaxLifetime ? wanted : options.MaxLifetime);
        foreach (var cap in caps)
            if (cap is { } c && c < end) end = c;
        return end;
    }
}
