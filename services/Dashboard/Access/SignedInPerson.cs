using System.Net.Http.Headers;
using Platform.Sdk.Client;

namespace Platform.Dashboard.Access;

/// <summary>
/// Who signed in, by email, for the header: asked of Tokens once at sign-in (<c>GET /api/users/me</c>), since access
/// tokens carry ids, not personal data. Without an answer the header falls back to "Signed in".
/// </summary>
public static class SignedInPerson
{
    public static async Task<string?> EmailAsync(IServiceProvider services, string accessToken, CancellationToken ct)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(Api.DashboardApi.HttpClientName);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        try
        {
            return (await new PlatformClient(http).Users.GetCurrentAsync(ct)).Email;
        }
        catch (Exception e) when (e is PlatformApiException or HttpRequestException or TaskCanceledException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignedInPerson))
                .LogWarning("The signed-in person's email could not be read ({Error}); the header shows no name", e.GetType().Name);
            return null;
        }
    }
}
