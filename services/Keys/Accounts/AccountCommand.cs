using Marten;
using Platform.Keys.Access;
using Platform.Keys.ApiKeys;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;

namespace Platform.Keys.Accounts;

/// <summary>
/// What the operators' account commands share, in Wolverine's aggregate workflow: the endpoint takes the account as
/// <c>[WriteAggregate(Required = false)] Account</c> and <see cref="AdmitAsync"/> runs before it.
/// </summary>
public static class AccountCommand
{
    /// <summary>An account command's route; the id is an account id by then (<see cref="MapAccountCommandIds"/> answers any other).</summary>
    public const string Route = "/api/accounts/{id:" + StreamIdRoutes.Constraint + "}";

    /// <summary>
    /// The Before step. The caller's own account must be an operator's before anything is said about the one named
    /// (so a non-operator learns nothing of which accounts exist); then an unknown account is a 404 and a stale If-Match a 409.
    /// </summary>
    /// <summary>What an account command's 404 and 409 mean, for the OpenAPI documents.</summary>
    public const string Missing = "no such account";

    public const string Conflict = "If-Match names another version, or the account cannot take the change (the operators' account is never suspended)";

    public static async Task<IResult> AdmitAsync(Account? account, HttpContext http, IDocumentSession session, CancellationToken ct) =>
        await OperatorPolicy.RefuseUnlessOperatorAsync(Caller.From(http.User), session, ct)
        ?? (account is null
            ? ApiError.NotFound($"no account {http.GetRouteValue("id")}")
            : ExpectedVersion.Check(http.Request, account.Version, "account"));

    /// <summary>An account command's id that is not an account id: 400, or 404 for the empty Guid, after the same authorization.</summary>
    public static IEndpointRouteBuilder MapAccountCommandIds(this IEndpointRouteBuilder app)
    {
        foreach (var verb in (string[])["suspend", "reinstate"])
            app.MapOtherIds("POST", $"/api/accounts/{{id}}/{verb}", "account").RequireAuthorization(OperatorPolicy.Name);
        return app;
    }
}
