using System.Security.Claims;
using Marten;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;

namespace Platform.Audit.Webhooks;

public static class WebhookLookup
{
    public const string Malformed = "id is not a webhook id";
    public const string Missing = "no such webhook in the caller's account";
    public const string Disabled = "the webhook is disabled";

    /// <summary>The caller's webhook; another account's answers exactly like a missing one.</summary>
    public static async Task<Webhook?> FindAsync(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && await session.LoadAsync<Webhook>(webhookId, ct) is { } w && w.AccountId == AuditCaller.From(user).AccountId
            ? w : null;

    public static Refused NotFound(string id) =>
        Guid.TryParse(id, out _) ? ApiError.NotFound($"no webhook {id}") : ApiError.BadRequest("id must be a webhook id");

    public static Refused IsDisabled(Webhook webhook) =>
        ApiError.Result(StatusCodes.Status409Conflict, $"webhook {webhook.Id} is disabled; enable it first");
}
