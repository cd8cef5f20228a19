using Microsoft.AspNetCore.Http.Metadata;
using Platform.Sdk.ResourceServer;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// An error answer the endpoint gives, for its OpenAPI document: the status with the seed's error body
/// (<see cref="Refusal"/>). 401 and 403 of authenticated endpoints, and 400 of those that read a body, are
/// added to every such endpoint by <see cref="DocumentedRefusals"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RefusesAttribute(int statusCode, string? description = null) : Attribute, IProducesResponseTypeMetadata
{
    public Type? Type => typeof(Refusal);

    public int StatusCode => statusCode;

    public string? Description => description;

    public IEnumerable<string> ContentTypes => ["application/json"];
}
