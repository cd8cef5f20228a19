using Platform.Sdk.Client.Keys;

namespace Platform.Sdk.Client.Tests;

/// <summary>Each test gets its own account, its admin key and a <see cref="PlatformClient"/> authenticated with it.</summary>
[Collection(nameof(PlatformCollection))]
public abstract class SdkContext(PlatformFixture platform) : IAsyncLifetime
{
    protected PlatformFixture Platform => platform;
    protected PlatformRouter Router { get; } = platform.Router();
    protected string Admin { get; private set; } = null!;
    protected PlatformClient Client { get; private set; } = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Admin = await platform.NewAccountAsync();
        Client = ClientWith(Admin);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected PlatformClient ClientWith(string apiKey) => new(Http(new ApiKeyHandler(apiKey)));

    /// <summary>An HttpClient on the routed platform, through <paramref name="handler"/> when given.</summary>
    protected HttpClient Http(DelegatingHandler? handler = null)
    {
        HttpMessageHandler pipeline = Router;
        if (handler is not null)
        {
            handler.InnerHandler = Router;
            pipeline = handler;
        }
        return new HttpClient(pipeline, disposeHandler: false) { BaseAddress = PlatformFixture.Url };
    }

    /// <summary>A key of this account with <paramref name="scopes"/>, usable everywhere once this returns.</summary>
    protected async Task<IssuedKey> LiveKeyAsync(params string[] scopes)
    {
        var key = await Client.Keys.IssueAsync(new IssueKeyRequest("sdk-test", Scopes: scopes), Ct);
        await platform.KeyVerifiesAsync(key.Secret);
        return key;
    }
}
