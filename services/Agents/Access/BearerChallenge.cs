namespace Platform.Agents.Access;

/// <summary>
/// RFC 6750 §3: every 401 of this service names the Bearer scheme. Its refusals come from many places (management
/// and agent callers, Keys' answers passed on, the handlers themselves), so the header is added once, as the
/// answer starts, rather than at each of them.
/// </summary>
public static class BearerChallenge
{
    public static WebApplication UseBearerChallenge(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && context.Response.Headers.WWWAuthenticate.Count == 0)
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
