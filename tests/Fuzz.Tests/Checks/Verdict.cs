using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Fuzz.Tests.Table;

namespace Platform.Fuzz.Tests.Checks;

/// <summary>An answer as the runner saw it (the body capped), or the time it did not come.</summary>
public sealed record Answer(int Status, string? ContentType, string Body, string? Location, TimeSpan Took, bool TimedOut);

/// <summary>What every answer must be: no 5xx, no hang, the route's error shape with a message, no stack trace, no redirect off the origin.</summary>
public static partial class Verdict
{
    [GeneratedRegex(@"   at [\w.<>`]+[.(]|Exception\b|System\.[A-Z]\w+\.|\.cs:line \d+", RegexOptions.None)]
    private static partial Regex StackTrace();

    public static IEnumerable<string> Problems(Route route, Probes.Probe probe, Answer answer, Uri origin)
    {
        if (answer.TimedOut) { yield return $"no answer within {answer.Took.TotalSeconds:0} s"; yield break; }
        if (answer.Status == -1) { yield return $"connection closed without an answer ({answer.Body})"; yield break; }
        if (probe.RefusedByTheServer)
        {
            if (answer.Status != 400) yield return $"an encoded NUL in the path must be refused with 400, not {answer.Status}";
            yield break;
        }
        if (answer.Status >= 500) yield return "server error";
        if (StackTrace().IsMatch(answer.Body)) yield return "stack trace or exception text in the body";
        if (probe.MustRefuse && answer.Status is >= 200 and < 300) yield return "accepted, but must be refused";
        if (answer.Location is { } location && OffOrigin(location, origin)) yield return $"redirect off the origin to {location}";
        if (answer.Status >= 400 && probe.Method != HttpMethod.Head && Shape(route.Shape, answer) is { } shape) yield return shape;
    }

    /// <summary>The documented error shape, or what is wrong with this body.</summary>
    private static string? Shape(Shape shape, Answer answer)
    {
        if (shape == Table.Shape.Html)
            return answer.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true && answer.Body.Length > 0
                ? null : $"not an HTML page for a person (Content-Type {answer.ContentType ?? "none"})";
        if (answer.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true) return $"not JSON (Content-Type {answer.ContentType ?? "none"})";
        JsonElement body;
        try { body = JsonDocument.Parse(answer.Body).RootElement; }
        catch (JsonException) { return "body is not valid JSON"; }
        if (body.ValueKind != JsonValueKind.Object) return "body is not a JSON object";
        return shape == Table.Shape.Seed ? Seed(body, answer.Status) : OAuth(body);
    }

    private static string? Seed(JsonElement body, int status)
    {
        if (!body.TryGetProperty("statusCode", out var code) || code.ValueKind != JsonValueKind.Number || code.GetInt32() != status) return "statusCode missing or not the status";
        if (!Text(body, "error")) return "error missing";
        return Text(body, "message") ? null : "message missing or empty";
    }

    private static string? OAuth(JsonElement body) =>
        !Text(body, "error") ? "RFC 6749 error missing" : Text(body, "error_description") ? null : "error_description missing or empty";

    private static bool Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString());

    /// <summary>Where a browser would go: it drops tabs and newlines and reads a backslash as a slash.</summary>
    public static bool OffOrigin(string location, Uri origin)
    {
        var cleaned = Regex.Replace(location, @"[\t\r\n]", "").Replace('\\', '/').Trim();
        if (!Uri.TryCreate(origin, cleaned, out var target)) return true;
        return target.Scheme is not ("http" or "https") || !string.Equals(target.Authority, origin.Authority, StringComparison.OrdinalIgnoreCase);
    }
}
