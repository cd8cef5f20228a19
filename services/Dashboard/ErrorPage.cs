namespace Platform.Dashboard;

public static class ErrorPage
{
    public const string Path = "/error";

    /// <summary>
    /// Where the exception handler sends a failed request: a page that says so and leads home, with no
    /// exception text (which could carry a token or a secret). Any method, since a failed POST is re-run here.
    /// </summary>
    public static WebApplication UseErrorPage(this WebApplication app)
    {
        app.UseExceptionHandler(Path, createScopeForErrors: true);
        app.Map(Path, (HttpContext context) => Results.Content(Page(context.Request.PathBase), "text/html; charset=utf-8"))
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    // The status stays the handler's 500; reached directly, the page is a plain 200.
    private static string Page(PathString pathBase) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Something went wrong · Platform console</title><link rel="stylesheet" href="{{pathBase}}/app.css"></head>
        <body><main class="narrow"><h1>Something went wrong</h1>
        <p>The console could not complete this request. Try again, or start again from the console's home.</p>
        <p><a class="button" href="{{pathBase}}/">Back to the console</a></p></main></body></html>
        """;
}
