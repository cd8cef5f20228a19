using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Keys.Access;
using Platform.Infrastructure.Changes;
using Wolverine.Http;

namespace Platform.Keys.Usage;

public static class FollowUsageEndpoint
{
    /// <summary>
    /// The caller's account's usage as it is written (Server-Sent Events): <c>reset</c>, <c>ready</c> (read the usage
    /// now; nothing written after it goes unannounced), then a <c>usage</c> event each time a replica flushes rows of
    /// the account's keys, <c>data: &lt;account&gt; &lt;key id&gt; …</c>. Same access as the usage reads, and only
    /// the caller's own account is announced.
    /// </summary>
    [WolverineGet("/api/keys/usage/changes")]
    [Authorize(Policy = OperatorPolicy.Reader)]
    public static ChangeStream Get(ClaimsPrincipal user, UsageFeed usage) => new(usage.Feed, audience: Caller.From(user).AccountId.ToString());
}
