using System.Net.Http.Headers;
using System.Security.Claims;
using Platform.Dashboard.Access;

namespace Platform.Dashboard.Api;

/// <summary>
/// One click to a subject's history as JSON Lines: a plain link the browser downloads, the console fetching the export
/// with the session's token and passing Audit's bytes through untouched, so the file verifies offline like any export.
/// </summary>
public static class AuditExport
{
    public static void MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit/subjects/{id:guid}/export", async (Guid id, HttpContext http, SessionTokens tokens, IHttpClientFactory factory, CancellationToken ct) =>
        {
            if (http.User.FindFirstValue(DashboardSignIn.SessionClaim) is not { } sid) return Results.Challenge();
            string token;
            try
            {
                token = await tokens.AccessTokenAsync(sid, ct);
            }
            catch (SessionEndedException)
            {
                return Results.Challenge();
            }
            var client = factory.CreateClient(DashboardApi.HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/audit/export?subject={id:D}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            // The console's error page words the status (403 for a sign-in without audit:read); Audit's body stays there.
            if (!response.IsSuccessStatusCode) return Results.StatusCode((int)response.StatusCode);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{id:D}.jsonl\"";
            http.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/jsonl";
            await response.Content.CopyToAsync(http.Response.Body, ct);
            return Results.Empty;
        }).RequireAuthorization();
}
