namespace Platform.Dashboard;

public static class SecurityHeaders
{
    /// <summary>
    /// A console that shows secrets once must not be framed (clickjacking) nor load script from anywhere
    /// else. Blazor Server needs its own script and a WebSocket to the same origin, nothing more.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            headers.CacheControl = "no-store";
            await next();
        });
        return app;
    }
}
