using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Wolverine.Http;

namespace Platform.Audit.Usage;

/// <summary>Whether an account's keys are suspended automatically when their usage looks unusual (off by default).</summary>
public sealed record QuarantinePolicy(Guid Id, bool Enabled, string UpdatedBy, DateTimeOffset UpdatedAt);

public sealed record SetQuarantine(bool Enabled);

public static class QuarantineEndpoints
{
    /// <summary>Turns auto-quarantine on or off for the caller's account; a quarantined key is reinstated through Keys.</summary>
    [WolverinePut("/api/audit/quarantine")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static QuarantinePolicy Put(SetQuarantine command, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock)
    {
        var caller = AuditCaller.From(user);
        var policy = new QuarantinePolicy(caller.AccountId, command.Enabled, caller.Actor, clock.GetUtcNow());
        session.Store(policy);
        return policy;
    }

    [WolverineGet("/api/audit/quarantine")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<QuarantinePolicy> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = AuditCaller.From(user).AccountId;
        return await session.LoadAsync<QuarantinePolicy>(account, ct) ?? new(account, false, "default", DateTimeOffset.MinValue);
    }
}
