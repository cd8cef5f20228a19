using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.Tokens.Protocol;

/// <summary>
/// An answer that first makes a committed change hold in this replica's memory (a revoked family or access
/// token in the denylist). Wolverine writes an endpoint's answer after its transaction commits, so the caller
/// hears of a revocation only once this replica refuses what it revoked; the others apply it when notified.
/// Typed (<c>Results&lt;AfterCommit&lt;NoContent&gt;, Refused&gt;</c>): the endpoint's OpenAPI document names the
/// answer's status and body, as it would without the wrapper.
/// </summary>
public sealed class AfterCommit<TAnswer>(Action apply, TAnswer answer) : IResult, IEndpointMetadataProvider
    where TAnswer : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext http)
    {
        apply();
        return answer.ExecuteAsync(http);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => TAnswer.PopulateMetadata(method, builder);
}
