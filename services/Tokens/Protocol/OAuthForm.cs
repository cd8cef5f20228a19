namespace Platform.Tokens.Protocol;

/// <summary>
/// The form body of an OAuth endpoint (RFC 6749 §3.2: application/x-www-form-urlencoded). A parameter
/// sent twice is an error (§3.1), and so is anything that is not a form.
/// </summary>
public sealed class OAuthForm(IFormCollection form)
{
    public static async Task<(OAuthForm? Form, OAuthError? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return (null, OAuthError.Request("the body must be application/x-www-form-urlencoded"));
        try
        {
            var form = await request.ReadFormAsync(ct);
            return form.FirstOrDefault(p => p.Value.Count > 1).Key is { } repeated
                ? (null, OAuthError.Request($"parameter '{repeated}' is repeated"))
                : (new OAuthForm(form), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, OAuthError.Request("the form body could not be read"));
        }
    }

    /// <summary>The value, or null when absent or empty (§3.1: "parameters sent without a value MUST be treated as if they were omitted").</summary>
    public string? this[string name] => form[name] is { Count: 1 } value && value[0] is { Length: > 0 } text ? text : null;

    public IReadOnlyList<string> Scopes => Split(this[OAuthParameters.Scope]);

    public static IReadOnlyList<string> Split(string? scope) =>
        scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList() ?? [];
}
