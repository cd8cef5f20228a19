using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Platform.TokenAttacks.Tests.Forgery;

namespace Platform.TokenAttacks.Tests.Routes;

/// <summary>
/// A route that takes a bearer token, with the genuine token it accepts, the genuine token of another resource
/// (RFC 8707) it must refuse, and whether API keys are a credential it legitimately takes.
/// </summary>
public sealed record ProtectedRoute(string Name, HttpMethod Method, string Path, object? Body, Func<Genuine, string> Token,
    Func<Genuine, string?> OtherResource, Refusal Refusal, bool TakesApiKeys = true)
{
    /// <summary>What is wrong with the answer to <paramref name="bearer"/>: <c>null</c> when accepted (genuine) or refused as documented (forged).</summary>
    public async Task<string?> ProblemAsync(HttpClient gateway, Genuine genuine, string bearer, bool shouldAccept)
    {
        if (Refusal == Refusal.Inactive) return await IntrospectionProblemAsync(gateway, genuine, bearer, shouldAccept);
        using var response = await gateway.SendAsync(Method, Path, bearer, Body, Headers);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(Api.Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{Name}: {status} {response.Headers.WwwAuthenticate} {Snippet(text)}");
        if (shouldAccept) return response.IsSuccessStatusCode ? null : $"{Name}: genuine token refused, {status} {Snippet(text)}";
        if (response.IsSuccessStatusCode) return $"{Name}: ACCEPTED ({status})";
        if (response.StatusCode != HttpStatusCode.Unauthorized) return $"{Name}: {status} instead of 401 {Snippet(text)}";
        var seed = SeedShape(text);
        var challenge = response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer");
        var documented = Refusal switch
        {
            Refusal.Seed => seed,
            Refusal.SeedAndChallenge => seed && challenge,
            _ => challenge,
        };
        return documented ? null : $"{Name}: 401 not in its documented shape ({Refusal}): {response.Headers.WwwAuthenticate} {Snippet(text)}";
    }

    private async Task<string?> IntrospectionProblemAsync(HttpClient gateway, Genuine genuine, string token, bool shouldAccept)
    {
        var (response, json) = await gateway.PostFormAsync(Path, new Dictionary<string, string> { [OAuth.Token] = token }, Api.Basic(genuine.ClientId, genuine.ClientSecret));
        if (response.StatusCode != HttpStatusCode.OK) return $"{Name}: {(int)response.StatusCode} {Snippet(json.ToString())}";
        // Note: RFC 7662 lets a refresh token introspect as active, typed as one; a resource server must then refuse it.
        var active = json.TryGetProperty("active", out var value) && value.ValueKind == JsonValueKind.True;
        var asAccessToken = active && json.Str("token_type") == "Bearer";
        return asAccessToken == shouldAccept ? null : $"{Name}: active={active.ToString().ToLowerInvariant()} token_type={json.Str("token_type")}";
    }

    public Dictionary<string, string>? Headers => Path == "/mcp" ? new() { ["Accept"] = "application/json, text/event-stream" } : null;

    private static bool SeedShape(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.TryGetProperty("statusCode", out var code) && code.GetInt32() == 401;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Snippet(string text) => text.Length > 160 ? text[..160] : text;

    public Target Target(Genuine genuine) => new(Token(genuine), genuine, OtherResource(genuine), TakesApiKeys);
}

/// <summary>How a route refuses a token: the seed's <c>{"statusCode":401,...}</c> body, an RFC 6750 challenge, both, or (introspection) <c>active: false</c>.</summary>
public enum Refusal { Seed, SeedAndChallenge, Challenge, Inactive }
