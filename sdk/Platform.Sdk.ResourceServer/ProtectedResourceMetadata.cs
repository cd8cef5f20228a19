using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Sdk.ResourceServer.AccessTokens;

namespace Platform.Sdk.ResourceServer;

/// <summary>RFC 9728 protected-resource metadata: which authorization server issues tokens for this resource.</summary>
public sealed record ResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] string[] AuthorizationServers,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("bearer_methods_supported")] string[] BearerMethodsSupported,
    [property: JsonPropertyName("resource_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResourceName);

public static class ProtectedResourceMetadata
{
    public const string WellKnown = "/.well-known/oauth-protected-resource";

    /// <summary>§3.1: the well-known path is inserted between the resource's origin and its path.</summary>
    public static string PathFor(string resource) => WellKnown + new Uri(resource).AbsolutePath.TrimEnd('/');

    public static string UrlFor(string resource) => new Uri(resource).GetLeftPart(UriPartial.Authority) + PathFor(resource);

    /// <summary>§5.1: a 401 points at the metadata, when this server publishes it.</summary>
    public static string Challenge(PlatformAuthenticationOptions options) =>
        options.Resource is { Length: > 0 } resource ? $"Bearer resource_metadata=\"{UrlFor(resource)}\"" : "Bearer";

    /// <summary>Serves the metadata (anonymously) at the path §3.1 derives from <see cref="PlatformAuthenticationOptions.Resource"/>.</summary>
    public static IEndpointConventionBuilder MapProtectedResourceMetadata(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<PlatformAuthenticationOptions>>().Value;
        if (options.Resource is not { Length: > 0 } resource || !Uri.TryCreate(resource, UriKind.Absolute, out _))
            throw new InvalidOperationException("Platform:Resource must be this server's absolute resource URI to publish its metadata");
        return app.MapGet(PathFor(resource), async (SigningKeys keys, CancellationToken ct) =>
        {
            // The issuer Tokens' discovery names: the one authorization server of this resource.
            if (await keys.ForAsync(null, ct) is not { } ring)
                return Results.Json(Refusal.Unavailable("The authorization server cannot be reached"), statusCode: StatusCodes.Status503ServiceUnavailable);
            return Results.Json(new ResourceMetadata(resource, [ring.Issuer], options.ScopesSupported, ["header"], options.ResourceName));
        }).AllowAnonymous();
    }
}
