using System.Net;

namespace Platform.Dashboard;

public static class ErrorPage
{
    public const string Path = "/error";

    /// <summary>
    /// Where the exception handler sends a failed request: a page that says so and leads home, with no
    /// exception text (which could carry a token or a secret). Any method, since a failed POST is re-run here.
    /// The same page, worded for the status, answers every error the framework leaves bodiless (404, 405,
    /// 400, 415): the console is for people, so its errors are pages, not empty answers.
    /// </summary>
    public static WebApplication UseErrorPage(this WebApplication app)
    {
        app.UseExceptionHandler(Path, createScopeForErrors: true);
        app.UseStatusCodePages(pages =>
        {
            var http = pages.HttpContext;
            http.Response.ContentType = "text/html; charset=utf-8";
            var (title, text) = Wording(http.Response.StatusCode);
            return http.Response.WriteAsync(Page(http.Request.PathBase, title, text));
        });
        app.Map(Path, (HttpContext context) => Results.Content(Page(context.Request.PathBase), "text/html; charset=utf-8"))
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    private static (string Title, string Text) Wording(int status) => status switch
    {
        StatusCodes.Status404NotFound => ("Page not found", "There is no console page at this address."),
        StatusCodes.Status405MethodNotAllowed => ("This page cannot be used that way", "The console does not accept this kind of request here."),
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => ("Not allowed", "Sign in again, with an account that may use this page."),
        >= 400 and < 500 => ("The request could not be used", "The console could not read this request. Go back, reload the page and try again."),
        _ => ("Something went wrong", "The console could not complete this request. Try again, or start again from the console's home."),
    };

    // The status stays the handler's 500; reached directly, the page is a plain 200.
    private static string Page(PathString pathBase) => Page(pathBase, "Something went wrong", Wording(500).Text);

    private static string Page(PathString pathBase, string title, string text)
    {
        var home = WebUtility.HtmlEncode(pathBase.Value ?? "");
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} · Platform console</title><link rel="stylesheet" href="{{home}}/app.css"></head>
            <body><main class="narrow"><h1>{{title}}</h1>
            <p>{{text}}</p>
            <p><a class="button" href="{{home}}/">Back to the console</a></p></main></body></html>
            """;
    }
}
