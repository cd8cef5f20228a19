using Microsoft.AspNetCore.Antiforgery;

namespace Platform.Dashboard.Access;

/// <summary>
/// The sign-out form, checked before antiforgery reads it: a form past the framework's limits throws while
/// it is read, and a token that is not base64url (a NUL, say) can throw from inside the validator. Either
/// would be a 500; both are a form no page of the console sent, so both are refused as such.
/// </summary>
public static class SignOutForm
{
    /// <summary>Antiforgery's request token is a few hundred base64url characters.</summary>
    private const int MaxTokenLength = 1024;

    public static async Task<bool> IsValidAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType) return false;
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return false;
        }
        if (form["__RequestVerificationToken"] is not [{ Length: > 0 and <= MaxTokenLength } token] || !token.All(IsBase64Url)) return false;
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static bool IsBase64Url(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
