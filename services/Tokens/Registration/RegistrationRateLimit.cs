using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Platform.Infrastructure.Errors;

namespace Platform.Tokens.Registration;

/// <summary>
/// RFC 7591 leaves abuse to the server: registrations are limited per client address and minute with ASP.NET Core's
/// rate limiter (a fixed window, no queue). Note: per replica, like Keys' rate limits; N replicas admit up to N times the limit.
/// </summary>
public static class RegistrationRateLimit
{
    public const string Policy = "registration";

    public static IServiceCollection AddRegistrationRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http => Partition(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                http.RequestServices.GetRequiredService<IOptions<TokensOptions>>().Value.Registration.PerMinute));
            limiter.OnRejected = (rejected, ct) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                // The token endpoints' RFC 6749 §5.2 object, like every other error of this path.
                return new ValueTask(ErrorShapes.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests,
                    "too many registrations from this address; retry later"));
            };
        });

    /// <summary>One address's window: <paramref name="perMinute"/> registrations, then refused until the minute is over.</summary>
    public static RateLimitPartition<string> Partition(string address, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
