using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Infrastructure.Errors;

namespace Platform.Infrastructure.Http;

/// <summary>
/// A command that loads its stream in Wolverine's aggregate workflow routes only a stream id: <c>{id:streamid}</c>, a
/// Guid other than the empty one (which Marten takes for no stream, and no resource has). The same route without the
/// constraint ranks below it and answers every other id in the seed's shape: 400 when it is not an id at all, 404
/// for the empty Guid, so a malformed id says what is wrong instead of "no route".
/// </summary>
public static class StreamIdRoutes
{
    public const string Constraint = "streamid";

    public static IServiceCollection AddStreamIdRoutes(this IServiceCollection services) =>
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<StreamIdConstraint>(Constraint));

    /// <param name="template">The command's route with a plain <c>{id}</c>, e.g. <c>/api/keys/{id}/revoke</c>.</param>
    /// <param name="noun">What the id names, for the message: "key" gives "id must be a key id".</param>
    public static RouteHandlerBuilder MapOtherIds(this IEndpointRouteBuilder app, string method, string template, string noun) =>
        app.MapMethods(template, [method], (string id) => Guid.TryParse(id, out var parsed)
                ? ApiError.NotFound($"no {noun} {parsed}")
                : ApiError.BadRequest($"id must be a {noun} id"))
            .ExcludeFromDescription();

    private sealed class StreamIdConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out var value)
            && Guid.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var id) && id != Guid.Empty;
    }
}
