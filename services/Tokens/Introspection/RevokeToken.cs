using Marten;
using Platform.Secrets;
using Platform.Tokens.Clients;
using Platform.Tokens.Issuance;
using Platform.Tokens.Protocol;
using Platform.Tokens.Refresh;
using Platform.Tokens.State;
using Platform.Infrastructure.Errors;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using Microsoft.AspNetCore.Mvc;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.Tokens.Introspection;

public static class RevokeTokenEndpoint
{
    /// <summary>
    /// RFC 7009. A refresh token ends its whole family; an access token is refused until its <c>exp</c>.
    /// Only the client a token was issued to can revoke it. Unknown, invalid or foreign tokens still
    /// get 200 (§2.2): the answer reveals nothing about them. The 200 comes after the revocation holds
    /// on this replica; the others apply it when PostgreSQL notifies them.
    /// </summary>
    [ProducesResponseType<OAuthErrorBody>(StatusCodes.Status401Unauthorized)]
    [WolverinePost("/oauth/revoke")]
    public static async Task<(Results<Revoked, AfterCommit<Revoked>, OAuthRefused>, IEnumerable<IMartenOp>, OutgoingMessages)> Post(HttpRequest request, ClientLookup clients, AccessTokenValidator validator,
        IssuerUri issuerUri, IQuerySession session, Denylist denylist, TimeProvider clock, CancellationToken ct)
    {
        var (form, formError) = await OAuthForm.ReadAsync(request, ct);
        if (formError is not null) return (formError.ToResult(), [], []);
        var now = clock.GetUtcNow();
        var (client, error) = await ClientAuthentication.AuthenticateAsync(request, form!, clients, now, ct);
        if (error is not null) return (error.ToResult(), [], []);
        if (form![OAuthParameters.Token] is not { } token) return (OAuthError.Request("token is required").ToResult(), [], []);

        if (RefreshToken.FamilyOf(token) is { } familyId && familyId != Guid.Empty)
        {
            var family = await session.LoadAsync<RefreshFamily>(familyId, ct);
            var hash = SecretFormat.Hash(token);
            if (family?.ClientId == client!.Id && (family.CurrentHash == hash || family.EarlierHashes.Contains(hash))
                && RevokeFamily.Decide(family, "revoked by the client", $"client:{client.Id}", now) is { } ending)
                return (new AfterCommit<Revoked>(() => denylist.SetFamily(ending.FamilyId, ending.RevokedAt), Revoked.Answer), ending.Writes.Appends, ending.Writes.Announcements);
        }
        else if (await validator.ReadSignedAsync(token, issuerUri.For(request)) is { } jwt
                 && jwt.TryGetPayloadValue<string>(TokenClaims.ClientId, out var owner) && owner == client!.Id.ToString())
        {
            var revoked = new RevokedAccessToken(jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
            return (new AfterCommit<Revoked>(() => denylist.Set(revoked), Revoked.Answer), [MartenOps.Store(revoked)], []);
        }
        return (Revoked.Answer, [], []);
    }
}

/// <summary>RFC 7009 §2.2: 200 with no body, not to be cached.</summary>
public sealed class Revoked : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public static readonly Revoked Answer = new();

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext http)
    {
        OAuthError.NoStore(http.Response);
        return Results.Ok().ExecuteAsync(http);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void)));
}
