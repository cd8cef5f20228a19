using System.Security.Claims;
using System.Text.Json;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Platform.Audit.Log;
using Platform.Contracts;
using Platform.Contracts.Accounts;

namespace Platform.Audit.Access;

/// <summary>An operator account, as its recorded <see cref="AccountOpened"/> says.</summary>
public sealed record OperatorAccount(Guid Id, string Name, DateTimeOffset OpenedAt);

/// <summary>
/// The operator accounts, projected inline from the recorded entries: the set is what the chain says (rebuildable
/// from it) and an operator check is one read by id, not a search through entries' JSON.
/// </summary>
public sealed partial class OperatorAccountProjection : EventProjection
{
    public void Project(AuditRecorded e, IDocumentOperations ops)
    {
        if (e.SubjectType != AuditSubjects.Account || e.EventType != nameof(AccountOpened)) return;
        if (JsonSerializer.Deserialize<AccountOpened>(e.Data, JsonSerializerOptions.Web) is { Operator: true } opened)
            ops.Store(new OperatorAccount(e.SubjectId, opened.Name, e.OccurredAt));
    }
}

public static class OperatorAccounts
{
    public static IHostApplicationBuilder AddOperatorAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(options => options.Projections.Add<OperatorAccountProjection>(ProjectionLifecycle.Inline));
        return builder;
    }

    /// <summary>
    /// An operator: a caller holding accounts:manage (admin does not cover it) of an account Keys opened as the operator
    /// account. Note: both, so neither a team's admin nor a stray scope on a team's credential reads other accounts.
    /// </summary>
    public static async Task<bool> IsOperatorAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        user.HasClaim(AuditCaller.ScopeClaim, Scopes.AccountsManage)
        && await session.LoadAsync<OperatorAccount>(AuditCaller.From(user).AccountId, ct) is not null;
}
