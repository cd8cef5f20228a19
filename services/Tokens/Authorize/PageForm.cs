using Microsoft.AspNetCore.Http.Features;

namespace Platform.Tokens.Authorize;

/// <summary>
/// The login and consent forms, read before anything else looks at them (antiforgery included): only
/// <c>application/x-www-form-urlencoded</c>, small, each field once, no control characters. Anything else
/// is a 4xx page and touches no data, so garbage neither counts as a failed sign-in nor records a consent.
/// </summary>
public static class PageForm
{
    /// <summary>Our own forms hold at most five short fields; the longest is the authorize query the flow returns to.</summary>
    public const int MaxBody = 16 * 1024;

    /// <summary>The fields that hold a password (the login form's, the change form's two).</summary>
    private static readonly HashSet<string> Passwords = ["password", "new_password", "confirm_password"];

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 8,
        KeyLengthLimit = 64,
        ValueLengthLimit = AuthorizationRequestReader.MaxQueryLength + 64,
    };

    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadAsync(HttpRequest request, string name, CancellationToken ct)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return (null, Pages.Error($"The {name} form was not sent as a form; start again from the application"));
        if (request.ContentLength > MaxBody) return (null, TooLarge(name));
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBody;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(Limits, ct);
        }
        // Note: the form limits throw InvalidDataException, a body over the size limit BadHttpRequestException.
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Pages.Error($"The {name} form could not be read (too long or malformed); start again from the application"));
        }
        return Problem(form) is { } problem ? (null, Pages.Error($"The {name} form is not valid: {problem}")) : (form, null);
    }

    /// <summary>
    /// The pure check. A password may hold any character but NUL (it was chosen through the API, which
    /// allows them); every other field of ours is text a browser sends from our own page.
    /// </summary>
    public static string? Problem(IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            if (values.Count > 1) return $"the field '{Cut(key)}' was sent more than once";
            var value = values.ToString();
            if (key.Any(char.IsControl) || (Passwords.Contains(key) ? value.Contains('\0') : value.Any(char.IsControl)))
                return $"the field '{Cut(key)}' holds characters that are not allowed";
        }
        return null;
    }

    private static IResult TooLarge(string name) =>
        Pages.Error($"The {name} form is too large; start again from the application", StatusCodes.Status413PayloadTooLarge);

    private static string Cut(string key) => new([.. key.Where(c => !char.IsControl(c)).Take(40)]);
}
