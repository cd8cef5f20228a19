using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace Platform.AppHost;

/// <summary>
/// The first run's development user, who signs in to the dashboard: created with the admin key just
/// handed out, through the gateway's <c>POST /api/users</c> as any account manager would, so no
/// service needs a second bootstrap path. Its password is generated here and printed once.
/// </summary>
public static class DevelopmentUser
{
    public const string ItemName = "dev-user";
    public const string Email = "admin@localhost";
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>The dashboard sign-in kept in <see cref="DistributedApplication.Items"/> for tests.</summary>
    public sealed record SignIn(string Email, string Password);

    public static async Task<SignIn?> CreateAsync(DistributedApplication app, string adminKey, CancellationToken ct)
    {
        var password = RandomNumberGenerator.GetString(Alphabet, 24);
        using var gateway = new HttpClient { BaseAddress = app.GetEndpoint("gateway") };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await gateway.PostAsJsonAsync("/api/users", new { email = Email, password, scopes = new[] { "admin" } }, ct);
        if (response.IsSuccessStatusCode) return new SignIn(Email, password);
        Console.WriteLine($"Could not create the development user {Email}: the gateway answered {(int)response.StatusCode}.");
        return null;
    }
}
