using System.Diagnostics;
using System.Text;
using Platform.Fuzz.Tests.Probes;

namespace Platform.Fuzz.Tests.Checks;

/// <summary>Sends probes with modest parallelism, each bounded in time, and collects every violation as one line.</summary>
public sealed class Runner : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private const int Parallelism = 4;
    private const int BodyCap = 64 * 1024;

    private static int _sent;

    private readonly HttpClient _http;

    public Runner(Uri gateway)
    {
        // Never follow redirects (each one is checked), keep no cookies, decompress nothing, send header bytes as given.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        };
        _http = new HttpClient(handler) { BaseAddress = gateway, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        Origin = gateway;
    }

    public Uri Origin { get; }

    /// <summary>How many requests every runner has sent, for the suite's figures.</summary>
    public static int Sent => _sent;

    public async Task<List<(Probe Probe, Answer Answer)>> RunAsync(Aim aim, IEnumerable<Probe> probes, CancellationToken ct)
    {
        var results = new List<(Probe, Answer)>();
        await Parallel.ForEachAsync(probes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (probe, token) =>
        {
            var answer = await SendAsync(aim, probe, token);
            lock (results) results.Add((probe, answer));
        });
        return results;
    }

    public async Task<Answer> SendAsync(Aim aim, Probe probe, CancellationToken ct)
    {
        Interlocked.Increment(ref _sent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = probe.ToRequest(aim);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var type = response.Content.Headers.ContentType?.ToString();
            // A feed that opened streams forever: its headers are the answer.
            var body = type?.StartsWith("text/event-stream") == true ? "" : await ReadCappedAsync(response, timeout.Token);
            return new Answer((int)response.StatusCode, type, body, response.Headers.Location?.OriginalString, clock.Elapsed, false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Answer(0, null, "", null, clock.Elapsed, true);
        }
        catch (HttpRequestException e)
        {
            // The connection was closed without an answer: a refusal at the transport (e.g. a request line too long) is allowed, and noted.
            return new Answer(-1, null, e.Message, null, clock.Elapsed, false);
        }
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[BodyCap];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose() => _http.Dispose();
}
