using System.Diagnostics;

namespace Platform.Sdk.Tests;

/// <summary>
/// Revoke while resource-server traffic is in flight: a cached or in-flight acceptance must never
/// outlive the revocation past the bound. The fixture's cache lives ten minutes, so a stale acceptance
/// stored after an eviction would show up as a late 200 here, not as a short delay.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class RevocationRaceTests(PlatformFixture fixture)
{
    /// <summary>Generous for a busy 2-core machine; bench/ measures the real figure (p99 well under 100 ms).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task an_agent_credential_hammered_while_its_key_is_revoked_is_never_accepted_past_the_bound()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        for (var trial = 0; trial < 15; trial++)
        {
            var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
            var agentId = $"racer-{trial}";
            var agent = await fixture.Agents.MintAsync(key.Secret, agentId, "chat:completions");
            (await fixture.Api.ChatAsync(agent.Token, agentId)).Status.ShouldBe(200);

            var late = await HammerWhileAsync(() => fixture.Api.ChatAsync(agent.Token, agentId), () => fixture.Keys.RevokeAsync(admin, key.Id));

            late.ShouldBeEmpty($"trial {trial}: accepted {late.Count} time(s) past {Bound.TotalMilliseconds} ms after the revocation, the last at {late.LastOrDefault():0} ms");
        }
    }

    [Fact]
    public async Task an_api_key_hammered_while_it_is_revoked_is_never_accepted_past_the_bound()
    {
        var (_, admin) = await fixture.CreateAccountAsync();
        for (var trial = 0; trial < 15; trial++)
        {
            var key = await fixture.Keys.IssueKeyAsync(admin, "chat:completions");
            (await fixture.Api.ChatAsync(key.Secret)).Status.ShouldBe(200);

            var late = await HammerWhileAsync(() => fixture.Api.ChatAsync(key.Secret), () => fixture.Keys.RevokeAsync(admin, key.Id));

            late.ShouldBeEmpty($"trial {trial}: accepted past the bound");
        }
    }

    /// <summary>
    /// Four callers loop until a second past the bound after <paramref name="revoke"/> is acknowledged;
    /// returns the times (ms after the acknowledgement) of every 200 answered later than the bound.
    /// </summary>
    private static async Task<List<double>> HammerWhileAsync(Func<Task<(int Status, string Body, Microsoft.AspNetCore.Http.HttpResponse Response)>> call, Func<Task> revoke)
    {
        var clock = Stopwatch.StartNew();
        var acknowledgedAt = TimeSpan.MaxValue;
        var late = new List<double>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, _, _) = await call();
                var answeredAt = clock.Elapsed;
                var since = answeredAt - acknowledgedAt;
                if (status == 200 && since > Bound) lock (late) late.Add(since.TotalMilliseconds);
                if (since > Bound + TimeSpan.FromSeconds(1)) return;
            }
        })).ToList();
        await Task.Delay(50);
        await revoke();
        acknowledgedAt = clock.Elapsed;
        await Task.WhenAll(callers);
        return late;
    }
}
