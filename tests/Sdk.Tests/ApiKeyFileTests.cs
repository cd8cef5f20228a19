using Platform.Sdk.ResourceServer;

namespace Platform.Sdk.Tests;

/// <summary>
/// The feeds key from a file (a mounted secret, or the one Keys writes on a first run) is read at each connection:
/// a server that started before the file existed, or before a fresh start replaced it, subscribes with the key as it is now.
/// </summary>
public sealed class ApiKeyFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"feeds-key-{Guid.NewGuid():N}");

    [Fact]
    public void a_key_file_is_read_as_it_is_at_each_connection()
    {
        var options = new PlatformAuthenticationOptions { ApiKeyFile = _file };
        options.CurrentApiKey().ShouldBeNull("no file yet");

        File.WriteAllText(_file, "");
        options.CurrentApiKey().ShouldBeNull("an empty file is no key");

        File.WriteAllText(_file, "sk_live_first\n");
        options.CurrentApiKey().ShouldBe("sk_live_first");

        File.WriteAllText(_file, "sk_live_second");
        options.CurrentApiKey().ShouldBe("sk_live_second");
    }

    [Fact]
    public void a_key_given_outright_wins_over_the_file()
    {
        File.WriteAllText(_file, "sk_live_from_file");
        new PlatformAuthenticationOptions { ApiKey = "sk_live_given", ApiKeyFile = _file }.CurrentApiKey().ShouldBe("sk_live_given");
    }

    public void Dispose() => File.Delete(_file);
}
