namespace Platform.AppHost;

/// <summary>
/// The feeds:read API key with which Keys, Agents and Audit follow Tokens' revocation feed, and the samples follow
/// all three feeds. In a run: <c>SampleApi:ApiKey</c> when given, else the file Keys writes on the first run (the
/// services wait for it). In a published manifest: the secret parameter <c>feeds-api-key</c>, which the deployment
/// supplies; without it those services would refuse every access token (503), since no sign-out could reach them.
/// </summary>
public sealed record FeedsKey(IResourceBuilder<ParameterResource>? Parameter, string? Configured, string File)
{
    public const string ParameterName = "feeds-api-key";

    public static FeedsKey For(IDistributedApplicationBuilder builder, DevelopmentCredentials credentials) =>
        new(builder.ExecutionContext.IsPublishMode ? builder.AddParameter(ParameterName, secret: true) : null,
            builder.Configuration["SampleApi:ApiKey"], credentials.SampleApiKeyFile);
}

public static class FeedsKeyExtensions
{
    public static IResourceBuilder<ProjectResource> WithFeedsKey(this IResourceBuilder<ProjectResource> service, FeedsKey key) =>
        key.Parameter is { } parameter
            ? service.WithEnvironment("Platform__ApiKey", parameter)
            : service.WithOptionalEnvironment("Platform__ApiKey", key.Configured).WithLocalEnvironment("Platform__ApiKeyFile", key.File);
}
