using Platform.Contracts.Tokens;
using Platform.Tokens.Clients;

namespace Platform.Tokens.Tests;

/// <summary>The one mapping of a client's stream events to what Audit hears, without a host.</summary>
public class ClientAnnouncementsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static OAuthClientRegistered Registration(ClientType type) => new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "reporting", type, ["https://app.example/cb"], ["plans:read"], ["authorization_code"],
        "secret-hash", "user:u", Now.AddDays(-1));

    [Theory]
    [InlineData(ClientType.Confidential, "confidential")]
    [InlineData(ClientType.Public, "public")]
    public void a_registration_starts_the_stream_and_is_announced_at_version_one_with_its_type(ClientType type, string announced)
    {
        var registered = Registration(type);

        var e = ClientAnnouncements.Registered(registered);

        e.ShouldBe(new ClientRegistered(e.EventId, registered.ClientId, registered.AccountId, "reporting", announced, registered.RedirectUris,
            registered.Scopes, registered.GrantTypes, "user:u", registered.RegisteredAt) { SourceVersion = 1 });
    }

    [Fact]
    public void every_change_is_announced_with_its_account_the_version_it_makes_and_no_secret()
    {
        var client = OAuthClient.Create(Registration(ClientType.Confidential)) with { Version = 2 };

        var rotated = (ClientSecretRotated)ClientAnnouncements.For(client, new OAuthClientSecretRotated(client.Id, "new-hash", Now.AddMinutes(5), "a", Now));
        var disabled = (ClientDisabled)ClientAnnouncements.For(client, new OAuthClientDisabled(client.Id, "unused", "a", Now));

        rotated.ShouldBe(new ClientSecretRotated(rotated.EventId, client.Id, client.AccountId, Now.AddMinutes(5), "a", Now) { SourceVersion = 3 });
        disabled.ShouldBe(new ClientDisabled(disabled.EventId, client.Id, client.AccountId, "unused", "a", Now) { SourceVersion = 3 });
        rotated.EventId.ShouldNotBe(disabled.EventId);
        Should.Throw<ArgumentException>(() => ClientAnnouncements.For(client, Registration(ClientType.Public)));
    }
}
