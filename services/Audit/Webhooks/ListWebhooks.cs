using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Wolverine.Http;

namespace Platform.Audit.Webhooks;

public sealed record WebhookList(IReadOnlyList<WebhookView> Items);

public static class ListWebhooksEndpoint
{
    [WolverineGet("/api/webhooks")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<WebhookList> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = AuditCaller.From(user).AccountId;
        var hooks = await session.Query<Webhook>().Where(w => w.AccountId == account).OrderBy(w => w.CreatedAt).ToListAsync(ct);
        return new([.. hooks.Select(WebhookView.Of)]);
    }
}
