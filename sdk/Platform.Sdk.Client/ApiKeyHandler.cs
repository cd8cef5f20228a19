using System.Net.Http.Headers;
using Platform.Secrets;

namespace Platform.Sdk.Client;

/// <summary>
/// Authenticates management calls with the API key (the management APIs take a key with keys:manage,
/// not an access token). A request that already carries credentials (an agent's) keeps them.
/// </summary>
public sealed class ApiKeyHandler : DelegatingHandler
{
    private readonly string _apiKey;

    public ApiKeyHandler(string apiKey)
    {
        if (!SecretFormat.IsApiKey(apiKey))
            throw new PlatformConfigurationException("the API key is not well-formed: expected sk_live_ or sk_test_, 32 base62 characters and a 6-character checksum");
        _apiKey = apiKey;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", _apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
