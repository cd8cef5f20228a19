namespace Platform.Sdk.ResourceServer.Feeds;

/// <summary>An event's data: <c>&lt;id&gt;</c>, or <c>&lt;id&gt; &lt;version&gt;</c> where the service versions what changed (docs/sdk.md).</summary>
internal static class FeedData
{
    public static bool TryParse(string data, out Guid id, out long? version)
    {
        (var text, version) = Split(data);
        return Guid.TryParse(text, out id);
    }

    public static (string Id, long? Version) Split(string data)
    {
        var space = data.IndexOf(' ');
        return space < 0 ? (data, null) : (data[..space], long.TryParse(data.AsSpan(space + 1), out var v) ? v : null);
    }
}
