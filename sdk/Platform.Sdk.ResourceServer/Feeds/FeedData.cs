namespace Platform.Sdk.ResourceServer.Feeds;

/// <summary>An event's data: <c>&lt;id&gt;</c>, or <c>&lt;id&gt; &lt;version&gt;</c> where the service versions what changed (docs/sdk.md).</summary>
internal static class FeedData
{
    public static bool TryParse(string data, out Guid id, out long? version)
    {
        version = null;
        var space = data.IndexOf(' ');
        if (space < 0) return Guid.TryParse(data, out id);
        if (!Guid.TryParse(data.AsSpan(0, space), out id)) return false;
        if (long.TryParse(data.AsSpan(space + 1), out var v)) version = v;
        return true;
    }
}
