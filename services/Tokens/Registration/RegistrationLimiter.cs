using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Platform.Tokens.Registration;

/// <summary>
/// A fixed one-minute window of registrations per client address, in this replica's memory.
/// Note: per replica, like Keys' rate limits; N replicas admit up to N times the limit.
/// </summary>
public sealed class RegistrationLimiter(IOptions<TokensOptions> options)
{
    private readonly ConcurrentDictionary<string, (long Window, int Used)> _windows = new();

    public bool TryTake(string address, DateTimeOffset now, out int retryAfterSeconds)
    {
        var window = now.ToUnixTimeSeconds() / 60;
        retryAfterSeconds = (int)(60 - now.ToUnixTimeSeconds() % 60);
        if (_windows.Count > 100_000) _windows.Clear(); // never grows without bound under a spray of addresses
        var entry = _windows.AddOrUpdate(address, (window, 1), (_, e) => e.Window == window ? (window, e.Used + 1) : (window, 1));
        return entry.Used <= options.Value.Registration.PerMinute;
    }
}
