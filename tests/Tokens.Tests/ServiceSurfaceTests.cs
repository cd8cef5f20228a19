using Platform.Testing;

namespace Platform.Tokens.Tests;

public class ServiceSurfaceTests(ServiceFixture<TokensApi> fixture) : ServiceSurfaceContract<TokensApi>(fixture, "tokens");
