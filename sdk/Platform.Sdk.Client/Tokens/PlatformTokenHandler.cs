using System.Net;
using System.Net.Http.Headers;

namespace Platform.Sdk.Client.Tokens;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;access token&gt;</c> to every request. On a 401 it drops that token,
/// gets a new one and retries once; a second 401 is returned to the caller as it came.
/// </summary>
public sealed class PlatformTokenHandler(PlatformTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffered so the body can be sent a second time.
        if (request.Content is not null) await request.Content.LoadIntoBufferAsync(cancellationToken);
        var token = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        response.Dispose();
        tokens.Invalidate(token);
        var fresh = await tokens.GetTokenAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(request, cancellationToken);
    }
}
