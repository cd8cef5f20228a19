namespace Platform.Sdk.Client.Tokens;

/// <summary>
/// A short-lived secret (an access token, an agent credential) cached until shortly before it expires,
/// then replaced by exactly one fetch however many callers need it at that moment: they all await
/// the same fetch. The fetch runs on no caller's cancellation, so one caller giving up fails no other.
/// </summary>
internal sealed class SingleFlightSecret(
    Func<string?, Task<(string Value, DateTimeOffset ExpiresAt)>> fetch, TimeProvider time, TimeSpan refreshBeforeExpiry,
    Func<Exception, bool>? isFinal = null)
{
    private sealed record Lease(string Value, DateTimeOffset ExpiresAt, DateTimeOffset RefreshAt);

    private readonly object _gate = new();
    private Lease? _current;
    private TaskCompletionSource<Lease>? _inFlight;
    private Exception? _final;

    /// <summary>Starts from a secret already held (an agent credential as minted); null expiry means refresh at first use.</summary>
    public void Seed(string value, DateTimeOffset? expiresAt) =>
        _current = new Lease(value, expiresAt ?? DateTimeOffset.MinValue, expiresAt is { } e ? RefreshAt(time.GetUtcNow(), e) : DateTimeOffset.MinValue);

    public DateTimeOffset? ExpiresAt => Volatile.Read(ref _current)?.ExpiresAt;

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _current) is { } lease && time.GetUtcNow() < lease.RefreshAt) return lease.Value;
        return (await RefreshAsync(ct)).Value;
    }

    /// <summary>The server refused <paramref name="rejected"/>: the next caller fetches anew, unless someone already did.</summary>
    public void Invalidate(string rejected)
    {
        lock (_gate)
        {
            if (_current is { } lease && lease.Value == rejected) _current = lease with { RefreshAt = DateTimeOffset.MinValue };
        }
    }

    private Task<Lease> RefreshAsync(CancellationToken ct)
    {
        TaskCompletionSource<Lease> flight;
        var owner = false;
        lock (_gate)
        {
            if (_final is { } final) return Task.FromException<Lease>(final);
            if (_current is { } lease && time.GetUtcNow() < lease.RefreshAt) return Task.FromResult(lease);
            if (_inFlight is null)
            {
                _inFlight = new TaskCompletionSource<Lease>(TaskCreationOptions.RunContinuationsAsynchronously);
                owner = true;
            }
            flight = _inFlight;
        }
        if (owner) _ = FetchAsync(flight);
        return flight.Task.WaitAsync(ct);
    }

    private async Task FetchAsync(TaskCompletionSource<Lease> flight)
    {
        try
        {
            var issuedAt = time.GetUtcNow();
            var (value, expiresAt) = await fetch(Volatile.Read(ref _current)?.Value);
            var lease = new Lease(value, expiresAt, RefreshAt(issuedAt, expiresAt));
            lock (_gate)
            {
                _current = lease;
                _inFlight = null;
            }
            flight.SetResult(lease);
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _inFlight = null;
                if (isFinal?.Invoke(e) == true) _final = e;
            }
            flight.SetException(e);
        }
    }

    /// <summary>The configured lead before expiry, but never more than half the lifetime: a short-lived token is still reused.</summary>
    private DateTimeOffset RefreshAt(DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var half = (expiresAt - issuedAt) / 2;
        return expiresAt - (refreshBeforeExpiry < half ? refreshBeforeExpiry : half < TimeSpan.Zero ? TimeSpan.Zero : half);
    }
}
