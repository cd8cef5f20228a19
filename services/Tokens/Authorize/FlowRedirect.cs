namespace Platform.Tokens.Authorize;

/// <summary>
/// A 302 back to the client or within the flow. Note: not <c>Results.Redirect</c>, whose result logs the
/// whole location, and ours carries the authorization code.
/// </summary>
public sealed class FlowRedirect(string location) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status302Found;
        http.Response.Headers.Location = location;
        http.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
