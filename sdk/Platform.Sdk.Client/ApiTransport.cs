using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Platform.Sdk.Client;

/// <summary>Sends one request, reads the JSON answer, and turns any error answer into a <see cref="PlatformApiException"/>.</summary>
internal sealed class ApiTransport(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, long? ifMatch, CancellationToken ct, Action<HttpRequestMessage>? configure = null)
    {
        using var response = await SendRawAsync(method, path, body, ifMatch, configure, HttpCompletionOption.ResponseContentRead, ct);
        return await ReadAsync<T>(response, ct);
    }

    /// <summary>Sends one request whose answer has no body (204 No Content).</summary>
    public async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, null, null, HttpCompletionOption.ResponseContentRead, ct);
    }

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, long? ifMatch,
        Action<HttpRequestMessage>? configure, HttpCompletionOption completion, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        // Note: the version goes as a strong quoted tag; the services refuse weak tags for writes.
        if (ifMatch is { } version) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        configure?.Invoke(request);
        var response = await http.SendAsync(request, completion, ct);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ErrorAsync(response, ct);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct)
                ?? throw new PlatformApiException(response.StatusCode, PlatformApiException.InvalidResponse, "the response body was empty");
        }
        catch (JsonException)
        {
            throw new PlatformApiException(response.StatusCode, PlatformApiException.InvalidResponse, $"the response body is not the expected {typeof(T).Name}");
        }
    }

    /// <summary>Reads the seed shape, the OAuth shape, or neither (a proxy's HTML page): never fails itself.</summary>
    public static async Task<PlatformApiException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = response.StatusCode;
        var error = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : status.ToString();
        var message = "the service gave no explanation";
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (Text(root, "error") is { } e) error = e;
                if ((Text(root, "message") ?? Text(root, "error_description") ?? Text(root, "detail") ?? Text(root, "title")) is { } m) message = m;
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the status line's wording.
        }
        return status == HttpStatusCode.Conflict ? new PlatformConflictException(error, message) : new PlatformApiException(status, error, message);
    }

    /// <summary>Every item of a keyset-paged list, fetching the next page only when the caller gets there.</summary>
    public static async IAsyncEnumerable<TItem> PagesAsync<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage>> fetch, Func<TPage, IEnumerable<TItem>> items, Func<TPage, string?> next,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var page = await fetch(cursor, ct);
            foreach (var item in items(page)) yield return item;
            var following = next(page);
            // A cursor that does not move would loop forever: stop instead.
            if (following == cursor) yield break;
            cursor = following;
        } while (cursor is not null);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
