using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Sdk.ResourceServer.Platform;

/// <summary>One verify call: the accepted answer, or the platform's own refusal passed on (401, 403, 429 with Retry-After).</summary>
internal static class PlatformCall
{
    public static async Task<(T? Accepted, Refusal? Refusal)> PostAsync<T>(HttpClient http, string path, object body, Action<HttpRequestMessage>? prepare, string what, CancellationToken ct)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        prepare?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, Refusal.Unavailable($"The {what} service is unavailable; retry shortly"));
        }
        using (response)
        {
            try
            {
                if (response.IsSuccessStatusCode) return (await response.Content.ReadFromJsonAsync<T>(ct), null);
                if ((int)response.StatusCode is 401 or 403 or 429)
                {
                    var refusal = await response.Content.ReadFromJsonAsync<Refusal>(ct) ?? Refusal.For((int)response.StatusCode, $"The {what} was refused");
                    return (null, refusal with { RetryAfter = response.Headers.RetryAfter?.ToString() });
                }
            }
            catch (JsonException)
            {
                // An answer we cannot read is the platform's fault, not the caller's: 503 below.
            }
            return (null, Refusal.Unavailable(response.StatusCode == HttpStatusCode.BadRequest
                ? $"The {what} could not be checked" : $"The {what} service is unavailable; retry shortly"));
        }
    }
}
