using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

public sealed record WebhookList(IReadOnlyList<WebhookView> Items);

public sealed record DeliveryList(Guid WebhookId, IReadOnlyList<WebhookAttempt> Attempts);

public static class ListWebhooksEndpoints
{
    [WolverineGet("/api/webhooks")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<WebhookList> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var account = AuditCaller.From(user).AccountId;
        var hooks = await session.Query<Webhook>().Where(w => w.AccountId == account).OrderBy(w => w.CreatedAt).ToListAsync(ct);
        return new([.. hooks.Select(WebhookView.Of)]);
    }

    /// <summary>Every attempt to deliver to the webhook, oldest first.</summary>
    [Refuses(StatusCodes.Status400BadRequest, "id is not a webhook id")]
    [Refuses(StatusCodes.Status404NotFound, "no such webhook in the caller's account")]
    [WolverineGet("/api/webhooks/{id}/deliveries")]
    [Authorize(Policy = AuditPolicy.Read)]
    public static async Task<Results<Ok<DeliveryList>, Refused>> Deliveries(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return WebhookLookup.NotFound(id);
        var attempts = await session.Query<WebhookAttempt>().Where(a => a.WebhookId == webhook.Id)
            .OrderBy(a => a.At).ThenBy(a => a.Attempt).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryList(webhook.Id, attempts));
    }
}

public static class WebhookLookup
{
    /// <summary>The caller's webhook; another account's answers exactly like a missing one.</summary>
    public static async Task<Webhook?> FindAsync(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && await session.LoadAsync<Webhook>(webhookId, ct) is { } w && w.AccountId == AuditCaller.From(user).AccountId
            ? w : null;

    public static Refused NotFound(string id) =>
        Guid.TryParse(id, out _) ? ApiError.NotFound($"no webhook {id}") : ApiError.BadRequest("id must be a webhook id");
}
