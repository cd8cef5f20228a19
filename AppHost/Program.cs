using Platform.AppHost;

// The whole platform on one machine: `dotnet run --project AppHost [--replicas N] [--fresh] [--no-dashboard]`.
// On the first run it prints the development account's admin key and the dashboard user's sign-in, once.
var builder = DistributedApplication.CreateBuilder(CommandLine.Options(args));
if (ManifestOutput.Refusal(builder) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 2;
}
var replicas = builder.Configuration.GetValue("replicas", 1);

// PostgreSQL: the machine's own server binaries as a resource of ours (Aspire's AddPostgres is a container),
// or the server ConnectionStrings:platform names; a published manifest always expects a connection string.
var state = PlatformState.For(builder);
var platformDb = PlatformDatabase.Add(builder, state);

// The services talk to each other through queues in the database, and over HTTP where an answer is
// needed at once (Tokens and Agents ask Keys to verify a key; Agents asks Tokens about an access token).
var credentials = DevelopmentCredentials.Register(builder, state);
// The feeds:read key that services and samples subscribe to the revocation feeds with (see FeedsKey).
var feedsKey = FeedsKey.For(builder, credentials);
var keys = builder.AddService<Projects.Keys>("keys-api", replicas)
    .WithReference(platformDb).WaitFor(platformDb)
    .WithLocalEnvironment("Keys__Bootstrap__SecretFile", credentials.AdminKeyFile)
    .WithLocalEnvironment("Keys__Bootstrap__ServiceKeyFile", credentials.SampleApiKeyFile);
// Audit asks Keys to verify the API keys its callers present.
var audit = builder.AddService<Projects.Audit>("audit-api", replicas)
    .WithReference(platformDb).WaitFor(platformDb)
    .WithReference(keys);
var tokens = builder.AddService<Projects.Tokens>("tokens-api", replicas)
    .WithReference(platformDb).WaitFor(platformDb)
    .WithReference(keys);
var agents = builder.AddService<Projects.Agents>("agents-api", replicas)
    .WithReference(platformDb).WaitFor(platformDb)
    .WithReference(keys).WithReference(tokens);

// The seed's API behind the resource-server package; it follows the revocation feeds with the feeds key.
var sampleApi = builder.AddService<Projects.SampleApi>("sample-api", replicas)
    .WithReference(keys).WithReference(tokens).WithReference(agents)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents)
    .WithFeedsKey(feedsKey)
    .WithOptionalEnvironment("SampleApi__BenchRoutes", builder.Configuration["SampleApi:BenchRoutes"]);

// The seed's tools as an MCP server (samples/McpServer), protected the same way; it reads the same
// feeds key file as the sample API (both only read it).
var mcpServer = builder.AddService<Projects.McpServer>("mcp-server", replicas)
    .WithReference(keys).WithReference(tokens).WithReference(agents)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents)
    .WithFeedsKey(feedsKey);

// The web console: people sign in through Tokens (authorization code + PKCE) and manage everything else.
var dashboard = builder.AddService<Projects.Dashboard>("dashboard", replicas)
    .WithReference(platformDb).WaitFor(platformDb);

// The one public entry, on a fixed port (Gateway:Port, 5080 by default).
var gateway = builder.AddService<Projects.Gateway>("gateway", replicas: 1, port: builder.Configuration.GetValue("Gateway:Port", 5080))
    .WithReference(keys).WithReference(tokens).WithReference(agents).WithReference(audit)
    .WithReference(sampleApi).WithReference(mcpServer).WithReference(dashboard)
    .WaitFor(keys).WaitFor(tokens).WaitFor(agents).WaitFor(audit).WaitFor(sampleApi).WaitFor(mcpServer).WaitFor(dashboard)
    .WithExternalHttpEndpoints();
var origin = gateway.GetEndpoint("http");

// Tokens names the public origin as its issuer, whichever address a client used (and in tests, whichever port).
tokens.WithEnvironment("Tokens__Issuer", origin);
// The dashboard is served through the gateway; Tokens seeds it as a first-party client with this callback.
tokens.WithEnvironment("Tokens__Dashboard__RedirectUris__0", $"{origin}/dashboard/signin-oauth");
// Keys and Audit check dashboard users' access tokens against Tokens' published keys.
keys.WithReference(tokens);
audit.WithReference(tokens);
// Keys, Agents and Audit follow Tokens' revocation feed as the resource servers do (a sign-out ends a token
// everywhere), subscribed with the same feeds:read key; Keys writes its file on the first run.
foreach (var follower in new[] { keys, agents, audit }) follower.WithFeedsKey(feedsKey);
// The sample API is a protected resource at the same origin (RFC 9728 metadata, named in its 401s);
// the MCP server is the resource {origin}/mcp. Tokens binds tokens to either (RFC 8707), and no other.
sampleApi.WithEnvironment("Platform__Resource", origin);
mcpServer.WithEnvironment("Platform__Resource", $"{origin}/mcp");
tokens.WithEnvironment("Tokens__Resources__0", origin).WithEnvironment("Tokens__Resources__1", $"{origin}/mcp");
// The console sends browsers to the gateway to sign in, and calls the APIs through it.
dashboard.WithEnvironment("Dashboard__PlatformUrl", origin);

// Once the gateway answers: print the first run's admin key and the dashboard user's sign-in.
credentials.AnnounceWhenReady(gateway);

builder.Build().Run();
return 0;
