using Microsoft.Net.Http.Headers;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// Optimistic concurrency the HTTP way: GET answers ETag "&lt;stream version&gt;", a command may send it
/// back as If-Match and then fails with 409 if the key changed in between.
/// </summary>
public static class ExpectedVersion
{
    public static bool TryRead(HttpRequest request, out long? version)
    {
        version = null;
        if (!request.Headers.TryGetValue(HeaderNames.IfMatch, out var values)) return true;
        var raw = values.ToString().Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) return false; // weak tags cannot guard writes
        if (long.TryParse(raw.Trim('"'), out var parsed) && parsed > 0)
        {
            version = parsed;
            return true;
        }
        return false;
    }

    public static string Tag(long version) => $"\"{version}\"";
}
