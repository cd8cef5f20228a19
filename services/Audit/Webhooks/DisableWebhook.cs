using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

public static class DisableWebhookEndpoint
{
    /// <summary>
    /// No new deliveries, and each queued one (a retry included) stops at its next attempt, recorded as
    /// <c>stopped</c>. Disabling a disabled webhook changes nothing.
    /// </summary>
    [Refuses(StatusCodes.Status400BadRequest, WebhookLookup.Malformed)]
    [Refuses(StatusCodes.Status404NotFound, WebhookLookup.Missing)]
    [WolverinePost("/api/webhooks/{id}/disable")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static async Task<Results<Ok<WebhookView>, Refused>> Post(string id, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return WebhookLookup.NotFound(id);
        var disabled = Decide(webhook, clock.GetUtcNow());
        if (!ReferenceEquals(disabled, webhook)) session.Store(disabled);
        return TypedResults.Ok(WebhookView.Of(disabled));
    }

    public static Webhook Decide(Webhook webhook, DateTimeOffset now) => webhook.DisabledAt is null ? webhook with { DisabledAt = now } : webhook;
}
