using Microsoft.Net.Http.Headers;
using Platform.Infrastructure.Errors;
using Wolverine.Http;

namespace Platform.Keys.ApiKeys;

/// <summary>
/// Optimistic concurrency the HTTP way: GET answers ETag "&lt;stream version&gt;", a command may send it
/// back as If-Match and then fails with 409 if the key changed in between.
/// </summary>
public static class ExpectedVersion
{
    private static bool TryRead(HttpRequest request, out long? version)
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

    /// <summary>A command's If-Match against the stream it loaded: continue, 400 when unreadable, 409 when it names another version.</summary>
    public static IResult Check(HttpRequest request, long current, string noun)
    {
        if (!TryRead(request, out var expected)) return ApiError.BadRequest("If-Match must be a quoted stream version, e.g. \"3\"");
        return expected is { } version && version != current
            ? ApiError.Result(StatusCodes.Status409Conflict, $"the {noun} is at version {current}, not {version}; read it again and retry")
            : WolverineContinue.Result();
    }

    public static string Tag(long version) => $"\"{version}\"";
}
