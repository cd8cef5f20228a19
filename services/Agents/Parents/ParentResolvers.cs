using Platform.Infrastructure.Errors;

namespace Platform.Agents.Parents;

/// <summary>Picks the resolver for the kind of bearer credential presented; every kind not accepted is a 401.</summary>
public sealed class ParentResolvers(IEnumerable<IParentResolver> resolvers)
{
    public Task<ParentResolution> ResolveAsync(string bearer, CancellationToken ct) =>
        resolvers.FirstOrDefault(r => r.Accepts(bearer)) is { } resolver
            ? resolver.ResolveAsync(bearer, ct)
            : Task.FromResult(new ParentResolution(null, ApiError.Result(StatusCodes.Status401Unauthorized, "Agent credentials are minted with an API key or an access token")));
}
