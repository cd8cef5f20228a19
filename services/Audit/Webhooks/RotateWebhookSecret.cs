using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Platform.Audit.Access;
using Platform.Infrastructure.Errors;
using Platform.Infrastructure.Http;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Audit.Webhooks;

/// <summary>Optional body: how long the replaced secret keeps signing beside the new one (default 24 h, 0 for not at all, at most 7 days).</summary>
public sealed record RotateWebhookSecret(int? OverlapSeconds);

/// <summary>The new signing secret: the only time it is shown. The replaced one signs too until <see cref="PreviousSecretValidUntil"/>.</summary>
public sealed record RotatedWebhookSecret(Guid Id, string Secret, DateTimeOffset RotatedAt, DateTimeOffset? PreviousSecretValidUntil);

public static class RotateWebhookSecretEndpoint
{
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    public static Task<OptionalJsonBody<RotateWebhookSecret>> LoadAsync(HttpRequest request, CancellationToken ct) =>
        OptionalJsonBody.ReadAsync<RotateWebhookSecret>(request, ct);

    public static IResult Validate(OptionalJsonBody<RotateWebhookSecret> body) =>
        (IResult?)body.Problem
        ?? (body.Value?.OverlapSeconds is < 0 || body.Value?.OverlapSeconds > MaxOverlap.TotalSeconds
            ? ApiError.BadRequest($"overlapSeconds must be between 0 and {MaxOverlap.TotalSeconds:0}")
            : WolverineContinue.Result());

    /// <summary>
    /// A new secret, stored protected like the first. During the overlap every delivery carries a signature by each
    /// secret; a rotation within an overlap ends the older secret's at once (two secrets at most).
    /// </summary>
    [Consumes(typeof(RotateWebhookSecret), "application/json", IsOptional = true)]
    [Refuses(StatusCodes.Status400BadRequest, "id is not a webhook id, or overlapSeconds is out of range")]
    [Refuses(StatusCodes.Status404NotFound, WebhookLookup.Missing)]
    [Refuses(StatusCodes.Status409Conflict, "the webhook was changed by another request meanwhile")]
    [Refuses(StatusCodes.Status415UnsupportedMediaType, "a body that is not JSON")]
    [WolverinePost("/api/webhooks/{id}/rotate-secret")]
    [Authorize(Policy = AuditPolicy.Manage)]
    public static async Task<Results<Ok<RotatedWebhookSecret>, Refused>> Post(string id, [NotBody] OptionalJsonBody<RotateWebhookSecret> body, ClaimsPrincipal user,
        IDocumentSession session, WebhookSecrets secrets, TimeProvider clock, CancellationToken ct)
    {
        if (await WebhookLookup.FindAsync(id, user, session, ct) is not { } webhook) return WebhookLookup.NotFound(id);
        var secret = WebhookSecrets.Generate();
        var overlap = body.Value?.OverlapSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultOverlap;
        var rotated = Decide(webhook, secrets.Protect(secret), overlap, clock.GetUtcNow());
        session.Store(rotated);
        return TypedResults.Ok(new RotatedWebhookSecret(webhook.Id, secret, rotated.SecretRotatedAt!.Value, rotated.PreviousSecretValidUntil));
    }

    public static Webhook Decide(Webhook webhook, string protectedSecret, TimeSpan overlap, DateTimeOffset now) => webhook with
    {
        ProtectedSecret = protectedSecret,
        PreviousProtectedSecret = overlap > TimeSpan.Zero ? webhook.ProtectedSecret : null,
        PreviousSecretValidUntil = overlap > TimeSpan.Zero ? now + overlap : null,
        SecretRotatedAt = now,
    };
}
