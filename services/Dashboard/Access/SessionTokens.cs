using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Platform.Dashboard.Access;

public sealed record StartedSession(string Id, string Subject, Guid AccountId, string[] Scopes, string? Email);

/// <summary>The sign-in is over: the refresh token was refused (signed out elsewhere, revoked, expired).</summary>
public sealed class SessionEndedException() : Exception("your session has ended; sign in again");

/// <summary>
/// The signed-in sessions' tokens, server-side. The access token is refreshed a minute before it expires,
/// one refresh per session at a time on this replica; two replicas racing are both served by Tokens'
/// reuse grace for the previous refresh token.
/// </summary>
public sealed class SessionTokens(IDocumentStore store, IDataProtectionProvider protection, IHttpClientFactory http, IOptions<DashboardOptions> options, TimeProvider clock, ILogger<SessionTokens> log)
{
    public const string HttpClientName = "platform-oauth";
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(60);
    private readonly IDataProtector protector = protection.CreateProtector("Platform.Dashboard.SessionTokens.v1");
    private readonly ConcurrentDictionary<string, SemaphoreSlim> refreshing = new();

    public async Task<StartedSession?> StartAsync(string accessToken, string refreshToken, TimeSpan? expiresIn, CancellationToken ct)
    {
        // Note: the token came straight from the token endpoint over the back channel; it is read here
        // only to know who signed in. Every API it is sent to validates it.
        var jwt = new JsonWebToken(accessToken);
        if (!Guid.TryParse(Claim(jwt, "account_id"), out var account) || jwt.Subject is not { Length: > 0 } subject) return null;
        var now = clock.GetUtcNow();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var session = new SignedInSession(id, subject, account, protector.Protect(accessToken), protector.Protect(refreshToken),
            now + (expiresIn ?? TimeSpan.FromMinutes(5)), now, now);
        await using var db = store.LightweightSession();
        db.Store(session);
        await db.SaveChangesAsync(ct);
        return new StartedSession(id, subject, account, (Claim(jwt, "scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), Claim(jwt, "email"));
    }

    public async Task<bool> ExistsAsync(string sessionId, CancellationToken ct)
    {
        await using var db = store.QuerySession();
        return await db.LoadAsync<SignedInSession>(sessionId, ct) is not null;
    }

    /// <summary>A live access token for the session; <see cref="SessionEndedException"/> when there is none any more.</summary>
    public async Task<string> AccessTokenAsync(string sessionId, CancellationToken ct)
    {
        var session = await LoadAsync(sessionId, ct) ?? throw new SessionEndedException();
        if (session.AccessTokenExpiresAt - RefreshAhead > clock.GetUtcNow()) return protector.Unprotect(session.ProtectedAccessToken);

        var gate = refreshing.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Another caller may have refreshed while this one waited.
            session = await LoadAsync(sessionId, ct) ?? throw new SessionEndedException();
            if (session.AccessTokenExpiresAt - RefreshAhead > clock.GetUtcNow()) return protector.Unprotect(session.ProtectedAccessToken);
            return await RefreshAsync(session, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The platform refused the session's access token (its sign-in ended at Tokens: removed, made to change the password,
    /// signed out elsewhere): refresh now. A refused refresh ends the session here too (<see cref="SessionEndedException"/>).
    /// </summary>
    public async Task RecheckAsync(string sessionId, CancellationToken ct)
    {
        var gate = refreshing.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await RefreshAsync(await LoadAsync(sessionId, ct) ?? throw new SessionEndedException(), ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Sign out: the refresh token is revoked at Tokens (RFC 7009), which ends the whole sign-in, then forgotten.</summary>
    public async Task EndAsync(string sessionId, CancellationToken ct)
    {
        if (await LoadAsync(sessionId, ct) is not { } session) return;
        try
        {
            using var revoke = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = protector.Unprotect(session.ProtectedRefreshToken),
                ["token_type_hint"] = "refresh_token",
                ["client_id"] = options.Value.ClientId,
            });
            using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(options.Value.Api, "/oauth/revoke"), revoke, ct);
            if (!response.IsSuccessStatusCode) log.LogWarning("Revoking the refresh token of a dashboard session answered {Status}", (int)response.StatusCode);
        }
        catch (HttpRequestException e)
        {
            // The session is forgotten anyway; its refresh token then dies by its idle lifetime.
            log.LogWarning("Revoking the refresh token of a dashboard session failed: {Error}", e.Message);
        }
        await using var db = store.LightweightSession();
        db.Delete<SignedInSession>(sessionId);
        await db.SaveChangesAsync(ct);
        refreshing.TryRemove(sessionId, out _);
    }

    private async Task<string> RefreshAsync(SignedInSession session, CancellationToken ct)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = protector.Unprotect(session.ProtectedRefreshToken),
            ["client_id"] = options.Value.ClientId,
        });
        using var response = await http.CreateClient(HttpClientName).PostAsync(new Uri(options.Value.Api, "/oauth/token"), form, ct);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            await using var gone = store.LightweightSession();
            gone.Delete<SignedInSession>(session.Id);
            await gone.SaveChangesAsync(ct);
            throw new SessionEndedException();
        }
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var access = json.RootElement.GetProperty("access_token").GetString()!;
        var refresh = json.RootElement.TryGetProperty("refresh_token", out var r) ? r.GetString()! : protector.Unprotect(session.ProtectedRefreshToken);
        var expiresIn = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
        var now = clock.GetUtcNow();
        var refreshed = session with
        {
            ProtectedAccessToken = protector.Protect(access),
            ProtectedRefreshToken = protector.Protect(refresh),
            AccessTokenExpiresAt = now.AddSeconds(expiresIn),
            LastRefreshedAt = now,
        };
        await using var db = store.LightweightSession();
        db.Store(refreshed);
        await db.SaveChangesAsync(ct);
        return access;
    }

    private async Task<SignedInSession?> LoadAsync(string sessionId, CancellationToken ct)
    {
        await using var db = store.QuerySession();
        return await db.LoadAsync<SignedInSession>(sessionId, ct);
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
