using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Platform.Keys.ApiKeys;
using Platform.Keys.Verification;
using Platform.Secrets;

namespace Platform.Keys.Benchmarks;

/// <summary>
/// The verify hot path against an index of 100,000 keys. Baseline: SHA-256 of the key, the one cost
/// a hit cannot avoid; the others are reported as ratios of it. Target for a hit: ≤ 3 µs.
/// </summary>
[MemoryDiagnoser]
public class VerifyHotPath
{
    private readonly KeyIndex _index = new();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private string _hit = null!;
    private string _unknown = null!;
    private string _badChecksum = null!;

    [GlobalSetup]
    public void Setup()
    {
        var keys = Enumerable.Range(0, 100_000).Select(i =>
        {
            var secret = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
            return (secret, key: new ApiKey(Guid.CreateVersion7(), Guid.CreateVersion7(), $"key-{i}", KeyEnvironment.Live,
                ["chat:completions"], KeyStatus.Active, SecretFormat.Hash(secret), SecretFormat.Display(KeyEnvironment.Live.SecretPrefix(), secret[^4..]), _now, null));
        }).ToList();
        _index.ReplaceAll(keys.Select(k => k.key));
        _hit = keys[keys.Count / 2].secret;
        _unknown = SecretFormat.Generate(KeyEnvironment.Live.SecretPrefix());
        _badChecksum = _hit[..^1] + (_hit[^1] == 'a' ? 'b' : 'a');
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfTheKey() => SHA256.HashData(Encoding.UTF8.GetBytes(_hit));

    [Benchmark]
    public KeyCheckResult CacheHit() => KeyCheck.Check(_hit, _index, _now);

    [Benchmark]
    public KeyCheckResult UnknownWellFormedKey() => KeyCheck.Check(_unknown, _index, _now);

    [Benchmark]
    public KeyCheckResult BadChecksumRejectedWithoutLookup() => KeyCheck.Check(_badChecksum, _index, _now);
}
