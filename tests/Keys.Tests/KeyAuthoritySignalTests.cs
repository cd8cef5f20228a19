using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Keys;
using Platform.Keys.ApiKeys;
using Platform.Testing;

namespace Platform.Keys.Tests;

/// <summary>The fast path to Agents and Tokens: a NOTIFY in the transaction that changes a key's authority.</summary>
public class KeyAuthoritySignalTests(ServiceFixture<KeysApi> fixture) : KeysContext(fixture)
{
    [Fact]
    public async Task changes_of_authority_are_signalled_with_the_version_they_gave_the_key_and_a_rename_is_not()
    {
        var key = await Host.IssueAsync(Admin, Scenarios.AKey());
        await using var listener = await ListenAsync();

        (await Host.CommandAsync(Admin, key.Id, "rename", new RenameKey("quiet"))).Status.ShouldBe(200);
        (await Host.CommandAsync(Admin, key.Id, "suspend", new SuspendKey("looking"))).Status.ShouldBe(200);
        (await Host.CommandAsync(Admin, key.Id, "reinstate", new { })).Status.ShouldBe(200);
        (await Host.CommandAsync(Admin, key.Id, "revoke", new RevokeKey("leaked"))).Status.ShouldBe(200);

        var signals = await listener.TakeAsync(3);
        signals.ShouldAllBe(s => s.KeyId == key.Id);
        signals.Select(s => (s.Version, s.State)).ShouldBe([(3L, KeyAuthoritySignal.Suspended), (4L, KeyAuthoritySignal.Active), (5L, KeyAuthoritySignal.Revoked)]);
    }

    private async Task<Listener> ListenAsync()
    {
        var connection = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(Ct);
        var listener = new Listener(connection);
        await using (var listen = new NpgsqlCommand($"listen {KeyAuthoritySignal.Channel}", connection)) await listen.ExecuteNonQueryAsync(Ct);
        return listener;
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly Channel<KeyAuthoritySignal> _signals = Channel.CreateUnbounded<KeyAuthoritySignal>();

        public Listener(NpgsqlConnection connection)
        {
            _connection = connection;
            connection.Notification += (_, e) => _signals.Writer.TryWrite(KeyAuthoritySignal.FromPayload(e.Payload)!);
        }

        public async Task<List<KeyAuthoritySignal>> TakeAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var taken = new List<KeyAuthoritySignal>();
            while (taken.Count < count)
            {
                // Notifications are dispatched while the connection waits.
                while (_signals.Reader.TryRead(out var signal)) taken.Add(signal);
                if (taken.Count < count) await _connection.WaitAsync(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
            // Nothing more: the rename was not signalled.
            await _connection.WaitAsync(TimeSpan.FromMilliseconds(200), timeout.Token);
            _signals.Reader.TryRead(out var extra).ShouldBeFalse($"unexpected signal {extra}");
            return taken;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
