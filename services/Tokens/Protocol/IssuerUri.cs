using Microsoft.Extensions.Options;

namespace Platform.Tokens.Protocol;

/// <summary>The issuer identifier (RFC 8414 §2): configured as the public base URL, else this request's origin.</summary>
public sealed class IssuerUri(IOptions<TokensOptions> options)
{
    public string For(HttpRequest request) =>
        options.Value.Issuer is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
}
