using Microsoft.Extensions.Options;

namespace Platform.Dashboard.Access;

public static class CanonicalOrigin
{
    /// <summary>
    /// The console answers only at the platform's public origin. Tokens accepts exactly one callback URI
    /// and cookies belong to one host, so a person who typed another name for the same machine
    /// (localhost for 127.0.0.1, the console's own port) is sent to the public one first.
    /// </summary>
    public static WebApplication UseCanonicalOrigin(this WebApplication app)
    {
        var platform = new Uri(app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.PlatformUrl);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var isPage = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            if (isPage && !IsHealthProbe(request.Path) && !SameOrigin(request, platform))
            {
                context.Response.Redirect(new Uri(platform, $"{request.PathBase}{request.Path}{request.QueryString}").ToString());
                return;
            }
            await next();
        });
        return app;
    }

    private static bool SameOrigin(HttpRequest request, Uri platform) =>
        string.Equals(request.Scheme, platform.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Host.Host, platform.Host, StringComparison.OrdinalIgnoreCase)
        && (request.Host.Port ?? (request.IsHttps ? 443 : 80)) == platform.Port;

    private static bool IsHealthProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
