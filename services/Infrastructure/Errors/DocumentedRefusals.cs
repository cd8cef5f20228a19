using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Platform.Sdk.ResourceServer;
using Wolverine.Http;

namespace Platform.Infrastructure.Errors;

/// <summary>
/// The error answers every endpoint of a kind gives, in its OpenAPI document, so no endpoint has to repeat them:
/// 401 and 403 where a policy authorizes the caller, 400 where a JSON body is read (unreadable JSON). Wolverine
/// documents those 400s as ProblemDetails; they are answered in the seed's shape (<see cref="ShapedProblemWriter"/>),
/// so that is what the document says instead. What an endpoint refuses beyond these it names with <see cref="RefusesAttribute"/>.
/// </summary>
public sealed class DocumentedRefusals : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var authorized = chain.HasAttribute<AuthorizeAttribute>();
            var readsBody = chain.RequestType is not null && !chain.IsFormData;
            // On the route builder, after its conventions: where Wolverine put what it inferred.
            chain.Metadata.Finally(endpoint =>
            {
                var metadata = endpoint.Metadata;
                foreach (var guess in metadata.Where(IsWolverinesGuess).ToList()) metadata.Remove(guess);
                var documented = metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
                if (readsBody) Add(metadata, documented, StatusCodes.Status400BadRequest, "the body is not a valid request");
                if (!authorized) return;
                Add(metadata, documented, StatusCodes.Status401Unauthorized, "no valid credential");
                Add(metadata, documented, StatusCodes.Status403Forbidden, "the credential lacks the scope");
            });
        }
    }

    /// <summary>
    /// What Wolverine infers that these services do not answer: ProblemDetails (written in the seed's shape instead), an
    /// <see cref="IResult"/> as if it were a body (an untyped endpoint names its answers with ProducesResponseType), and a
    /// body-less 404 for a null resource (no endpoint here returns one; a missing resource is a refusal with a body).
    /// </summary>
    private static bool IsWolverinesGuess(object metadata) => metadata is IProducesResponseTypeMetadata produced && produced.Type switch
    {
        { } type when type.IsAssignableTo(typeof(ProblemDetails)) || type == typeof(IResult) => true,
        var type => produced.StatusCode == StatusCodes.Status404NotFound && (type is null || type == typeof(void)),
    };

    private static void Add(IList<object> metadata, HashSet<int> documented, int status, string description)
    {
        if (documented.Add(status)) metadata.Add(new RefusesAttribute(status, description));
    }
}
