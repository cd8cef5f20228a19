using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Agents.Access;
using Platform.Infrastructure.Changes;
using Wolverine.Http;

namespace Platform.Agents.Usage;

public static class FollowUsageEndpoint
{
    /// <summary>
    /// The caller's account's credential usage as it is written (Server-Sent Events): <c>reset</c>, <c>ready</c> (read
    /// the usage now; nothing written after it goes unannounced), then a <c>usage</c> event each time a replica flushes
    /// rows of the account's credentials, <c>data: &lt;account&gt; &lt;credential id&gt; …</c>. Same access as
    /// <c>GET /api/agents/{id}/usage</c>, and only the caller's own account is announced.
    /// </summary>
    [WolverineGet("/api/agents/usage/changes")]
    [Authorize(Policy = AgentsManagement.Policy)]
    public static ChangeStream Get(ClaimsPrincipal user, UsageFeed usage) => new(usage.Feed, audience: ManagementCaller.From(user).AccountId.ToString());
}
